"""The open data sets: the public studio directory and the anonymised monthly statistics.

Statistics come from reports.PhotoStat (anonymised rows that outlive the photos). A studio
is named only when it is a company's and it submitted at least MIN_NAMED photos in the
month; every other account's photos are pooled under "other studios", so a small studio or
a private photographer cannot be singled out. The month in progress is left out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ..accounts.models import Account
from ..decree import reasons
from ..directory.models import Studio
from ..reports import months
from ..reports.models import PhotoStat

MIN_NAMED = 10
OTHERS = "muut kuvaamot / övriga fotoateljéer / other studios"
STUDIO_FIELDS = ("name", "street_address", "postal_code", "post_office", "municipality",
                 "opening_hours", "phone")  # fmt: skip


def studios() -> list[dict[str, str]]:
    """Every studio in the public directory (accounts in good standing)."""
    rows = (
        Studio.objects.filter(account__suspended_at__isnull=True)
        .order_by("municipality", "name", "pk")
        .values(*STUDIO_FIELDS)
    )
    return [dict(row) for row in rows]


@dataclass
class MonthRow:
    month: str
    studio: str | None  # None: every studio together
    submitted: int = 0
    approved: int = 0
    rejected: int = 0
    pending: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def rejection_rate(self) -> float | None:
        decided = self.approved + self.rejected
        return round(100 * self.rejected / decided, 1) if decided else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "month": self.month, "studio": self.studio, "submitted": self.submitted,
            "approved": self.approved, "rejected": self.rejected, "pending": self.pending,
            "rejection_rate_percent": self.rejection_rate,
            "rejection_reasons": dict(sorted(self.reasons.items())),
        }  # fmt: skip


def monthly(now: dt.datetime | None = None) -> list[MonthRow]:
    """Per month: all studios together, then each named studio, then the pooled rest."""
    end = months.start_of(months.current_month(now or timezone.now()))
    stats = PhotoStat.objects.filter(submitted_at__lt=end)
    if not stats.exists():
        return []
    grouped = (
        stats.annotate(m=TruncMonth("submitted_at"))
        .values("m", "account_id")
        .annotate(
            submitted=Count("id"),
            approved=Count("id", filter=Q(evaluation="approved")),
            rejected=Count("id", filter=Q(evaluation="rejected")),
            pending=Count("id", filter=Q(evaluation="pending")),
        )
        .order_by()
    )
    companies = dict(
        Account.objects.filter(kind=Account.Kind.COMPANY).values_list("pk", "studio_name")
    )
    reason_rows = stats.filter(evaluation="rejected").annotate(m=TruncMonth("submitted_at"))
    reason_counts: dict[tuple[str, int], Counter[str]] = {}
    for m, account_id, codes in reason_rows.values_list("m", "account_id", "reasons"):
        key = (months.month_of(m).isoformat()[:7], account_id)
        reason_counts.setdefault(key, Counter()).update(dict.fromkeys(codes or (), 1))
    table: dict[tuple[str, str | None], MonthRow] = {}
    for row in grouped:
        month = months.month_of(row["m"]).isoformat()[:7]
        name = companies.get(row["account_id"])
        named = name if name and row["submitted"] >= MIN_NAMED else OTHERS
        for studio in (None, named):
            target = table.setdefault((month, studio), MonthRow(month, studio))
            for measure in ("submitted", "approved", "rejected", "pending"):
                setattr(target, measure, getattr(target, measure) + row[measure])
            target.reasons.update(reason_counts.get((month, row["account_id"]), Counter()))
    # A pool of fewer than MIN_NAMED photos is still published: it names nobody.
    return sorted(
        table.values(),
        key=lambda r: (r.month, r.studio is not None, r.studio == OTHERS, r.studio or ""),
    )


def first_month() -> str | None:
    first = PhotoStat.objects.aggregate(first=Min("submitted_at"))["first"]
    return months.month_of(first).isoformat()[:7] if first else None


REASON_LABELS = {r.code: str(r.label) for r in reasons.REASONS}
