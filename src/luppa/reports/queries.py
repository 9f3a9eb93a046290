"""The numbers behind the reports, read from PhotoStat only.

PhotoStat outlives the photos (deleted six months after submission), so nothing here may
join to Photo. Counting by evaluation is done in the database; rejection reasons are a JSON
list, which SQLite and PostgreSQL query differently, so they are tallied in Python over
(month or photographer, reasons, flagged checks) triples: one short tuple per rejected
photo, a few thousand a month at most.

A photo counts in the month it was submitted in (Helsinki time), with its outcome as it is
now. The rejection percentage is of the decided photos (approved + rejected): a photo
still waiting for an officer has no outcome yet.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ..accounts.models import Account
from ..decree import reasons as reason_list
from . import months
from .models import PhotoStat

_COUNTS = {
    "submitted": Count("id"),
    "approved": Count("id", filter=Q(evaluation="approved")),
    "rejected": Count("id", filter=Q(evaluation="rejected")),
    "pending": Count("id", filter=Q(evaluation="pending")),
}
_ORDER = {reason.code: i for i, reason in enumerate(reason_list.REASONS)}


@dataclass
class Counts:
    submitted: int = 0
    approved: int = 0
    rejected: int = 0
    pending: int = 0

    @property
    def decided(self) -> int:
        return self.approved + self.rejected

    @property
    def rejection_rate(self) -> float | None:
        """Percent of the decided photos rejected; None while nothing has been decided."""
        return 100 * self.rejected / self.decided if self.decided else None

    def add(self, other: Counts) -> None:
        self.submitted += other.submitted
        self.approved += other.approved
        self.rejected += other.rejected
        self.pending += other.pending

    @classmethod
    def from_row(cls, row: dict) -> Counts:
        return cls(row["submitted"], row["approved"], row["rejected"], row["pending"])


@dataclass
class ReasonCount:
    """How many rejected photos had this reason, and on how many of those the automatic
    assessment had already failed or warned on a check behind it."""

    code: str
    count: int = 0
    warned: int = 0

    @property
    def label(self) -> str:
        return reason_list.label(self.code)

    @property
    def checked(self) -> bool:
        """Does any automatic check speak to this reason at all?"""
        reason = reason_list.BY_CODE.get(self.code)
        return bool(reason and reason.checks)

    def tally(self, flagged_checks: Iterable[str]) -> None:
        self.count += 1
        if reason_list.warned(self.code, list(flagged_checks or ())):
            self.warned += 1


def _tally(tallies: dict[str, ReasonCount], codes: Iterable[str], flagged: Iterable[str]) -> None:
    # A reason ticked twice on one form is still one rejected photo with that reason.
    for code in dict.fromkeys(codes or ()):
        tallies.setdefault(code, ReasonCount(code)).tally(flagged)


def _sorted(tallies: dict[str, ReasonCount]) -> list[ReasonCount]:
    """Most frequent first; ties in the officer form's order; unknown codes last."""
    return sorted(
        tallies.values(), key=lambda r: (-r.count, _ORDER.get(r.code, len(_ORDER)), r.code)
    )


def _truncated() -> TruncMonth:
    return TruncMonth("submitted_at", tzinfo=timezone.get_default_timezone())


# --- one account ---------------------------------------------------------------------------


def account_totals(account_id: int) -> Counts:
    """All-time totals of the account's submitted photos, deleted photos included."""
    row = PhotoStat.objects.filter(account_id=account_id).aggregate(**_COUNTS)
    return Counts.from_row(row)


def latest_month(account_id: int) -> dt.date | None:
    """The first day of the latest month (Helsinki time) with a photo submitted, if any."""
    last = PhotoStat.objects.filter(account_id=account_id).aggregate(last=Max("submitted_at"))
    if last["last"] is None:
        return None
    return timezone.localtime(last["last"]).date().replace(day=1)


@dataclass
class PhotographerMonth:
    photographer_id: int
    name: str
    active: bool
    counts: Counts = field(default_factory=Counts)
    reasons: list[ReasonCount] = field(default_factory=list)


@dataclass
class AccountMonth:
    month: dt.date
    photographers: list[PhotographerMonth]
    total: Counts
    reasons: list[ReasonCount]

    @property
    def empty(self) -> bool:
        return self.total.submitted == 0


def account_month(account: Account, month: dt.date) -> AccountMonth:
    """The account's photos submitted in the month, per named photographer.

    Every active photographer is listed, with zeros when they sent nothing; a removed one
    only when they have photos in the month. Current names are shown where the photographer
    still exists, the name stored at submission otherwise.
    """
    start, end = months.bounds(month)
    rows = PhotoStat.objects.filter(
        account_id=account.pk, submitted_at__gte=start, submitted_at__lt=end
    )
    listed = account.photographers.values_list("pk", "name", "active")
    named = {pk: (name, active) for pk, name, active in listed}
    people = {
        pk: PhotographerMonth(pk, name, True) for pk, (name, active) in named.items() if active
    }
    grouped = list(rows.values("photographer_id").annotate(**_COUNTS).order_by())
    gone = {row["photographer_id"] for row in grouped} - named.keys()
    stored = _last_recorded(rows, "photographer_id", "photographer_name", gone)
    for row in grouped:
        pk = row["photographer_id"]
        if pk not in people:
            name, active = named.get(pk, (stored.get(pk, ""), False))
            people[pk] = PhotographerMonth(pk, name, active)
        people[pk].counts = Counts.from_row(row)

    per_person: dict[int, dict[str, ReasonCount]] = defaultdict(dict)
    everyone: dict[str, ReasonCount] = {}
    rejected = rows.filter(evaluation="rejected")
    for pk, codes, flagged in rejected.values_list("photographer_id", "reasons", "flagged_checks"):
        _tally(per_person[pk], codes, flagged)
        _tally(everyone, codes, flagged)
    for pk, tallies in per_person.items():
        if pk in people:
            people[pk].reasons = _sorted(tallies)

    total = Counts()
    for person in people.values():
        total.add(person.counts)
    ordered = sorted(people.values(), key=lambda p: (p.name.casefold(), p.photographer_id))
    return AccountMonth(month, ordered, total, _sorted(everyone))


def _last_recorded(
    rows: QuerySet[PhotoStat], key: str, name: str, wanted: Iterable[int]
) -> dict[int, str]:
    """The name recorded with the latest of `rows` of each `key` value in `wanted`. The
    names are ciphertext, so the database picks the rows (by id) and Python reads them."""
    wanted = set(wanted)
    if not wanted:
        return {}
    latest = rows.filter(**{f"{key}__in": wanted}).values(key).annotate(last=Max("pk")).order_by()
    picked = PhotoStat.objects.filter(pk__in=[row["last"] for row in latest])
    return dict(picked.values_list(key, name))


# --- the whole service ---------------------------------------------------------------------


@dataclass
class StudioRow:
    account_id: int
    studio_name: str
    exists: bool
    total: Counts
    by_month: list[Counts]


@dataclass
class ReasonRow:
    code: str
    by_month: list[int]
    total: ReasonCount

    @property
    def label(self) -> str:
        return reason_list.label(self.code)


@dataclass
class ServiceStats:
    months: list[dt.date]
    by_month: list[Counts]
    total: Counts
    studios: list[StudioRow]
    reasons: list[ReasonRow]


def service_stats(first: dt.date, last: dt.date) -> ServiceStats:
    """Every account's photos submitted in the months first..last, by month and studio, and
    the rejection reasons by month."""
    span = months.months_between(first, last)
    index = {month: i for i, month in enumerate(span)}
    start, end = months.bounds(first, last)
    rows = PhotoStat.objects.filter(submitted_at__gte=start, submitted_at__lt=end)

    by_month = [Counts() for _ in span]
    studios: dict[int, StudioRow] = {}
    grouped = (
        rows.annotate(month=_truncated())
        .values("account_id", "month")
        .annotate(**_COUNTS)
        .order_by()
    )
    for row in grouped:
        i = index[months.month_of(row["month"])]
        counts = Counts.from_row(row)
        studio = studios.get(row["account_id"])
        if studio is None:
            studio = StudioRow(row["account_id"], "", False, Counts(), [Counts() for _ in span])
            studios[row["account_id"]] = studio
        studio.by_month[i].add(counts)
        studio.total.add(counts)
        by_month[i].add(counts)

    # The studio's current name where the account still exists; else as last recorded.
    current = dict(Account.objects.filter(pk__in=studios).values_list("pk", "studio_name"))
    stored = _last_recorded(rows, "account_id", "studio_name", studios.keys() - current.keys())
    for pk, studio in studios.items():
        studio.exists = pk in current
        studio.studio_name = current.get(pk) or stored.get(pk, "")

    per_month: dict[str, list[int]] = {}
    overall: dict[str, ReasonCount] = {}
    rejected = rows.filter(evaluation="rejected").annotate(month=_truncated())
    for month, codes, flagged in rejected.values_list("month", "reasons", "flagged_checks"):
        i = index[months.month_of(month)]
        _tally(overall, codes, flagged)
        for code in dict.fromkeys(codes or ()):
            per_month.setdefault(code, [0] * len(span))[i] += 1
    reason_rows = [ReasonRow(r.code, per_month[r.code], r) for r in _sorted(overall)]

    total = Counts()
    for counts in by_month:
        total.add(counts)
    ordered = sorted(
        studios.values(), key=lambda s: (-s.total.submitted, s.studio_name.casefold(), s.account_id)
    )
    return ServiceStats(span, by_month, total, ordered, reason_rows)
