"""Audit retention and export: records are kept five years (seed 004), then purged.

`purge()` is a plain function so that any scheduler (the periodic job, `luppa audit purge`,
`luppa purge_expired`) can call it. It deletes only a prefix of each lane of the chain and
remembers the last purged record's MAC in the lane's head, so `verify` can tell a purge from
tampering.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone

from .chain import CHAINED_FIELDS
from .models import AuditEvent, AuditHead

# Five years, counted generously for leap days; the PostgreSQL trigger uses the same bound.
RETENTION = dt.timedelta(days=5 * 365 + 2)
EXPORT_FIELDS = ("id", *CHAINED_FIELDS, "lane", "prev_mac", "mac")


def purge(now: dt.datetime | None = None) -> int:
    """Deletes the records older than five years; returns how many."""
    cutoff = (now or timezone.now()) - RETENTION
    count = 0
    with transaction.atomic():
        # Unchained records (none are written any more) go with the oldest.
        unchained = AuditEvent.objects.filter(at__lt=cutoff, seq=None)
        count += unchained._raw_delete(unchained.db)
        for head in AuditHead.objects.select_for_update().order_by("pk"):
            lane = AuditEvent.objects.filter(lane=head.pk).exclude(seq=None)
            first_kept = lane.filter(at__gte=cutoff).order_by("seq").first()
            old = lane.filter(at__lt=cutoff)
            if first_kept is not None:
                old = old.filter(seq__lt=first_kept.seq)
            last = old.order_by("-seq").first()
            # The model refuses deletes; retention is the one place that may (see models.py).
            count += old._raw_delete(old.db)
            if last is not None:
                head.purged_through, head.purged_mac = last.seq, last.mac
                head.save(update_fields=["purged_through", "purged_mac"])
    return count


def _rows(start: dt.datetime | None, end: dt.datetime | None) -> Iterator[dict[str, object]]:
    events = AuditEvent.objects.order_by("pk")
    if start:
        events = events.filter(at__gte=start)
    if end:
        events = events.filter(at__lt=end)
    for event in events.iterator(chunk_size=2000):
        row = {}
        for name in EXPORT_FIELDS:
            value = getattr(event, name)
            if isinstance(value, dt.datetime):
                value = value.astimezone(dt.UTC).isoformat()
            row[name] = value
        yield row


def export(
    out: io.TextIOBase, start: dt.datetime | None, end: dt.datetime | None, fmt: str = "jsonl"
) -> int:
    """Writes the records of [start, end) as JSON Lines or CSV; returns the count. The MACs
    go along, so the supervising authority can check the export against the chain."""
    count = 0
    writer = None
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
    for row in _rows(start, end):
        if writer is not None:
            for key in ("query", "photo_ids"):
                row[key] = json.dumps(row[key], ensure_ascii=False, sort_keys=True)
            writer.writerow(row)
        else:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
