"""Periodic jobs, run once per period however many workers run.

Every worker calls `tick()` now and then. For each job whose current period has no run yet,
it inserts a PeriodicRun row (job, period) and enqueues the job's task in the same
transaction. The unique key lets exactly one insert win: the others get an IntegrityError
and enqueue nothing. A period is a UTC day or hour, so the runs need no clock agreement
beyond the hour, and a worker that starts late in a period still runs that period's job.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from . import tasks
from .models import PeriodicRun

log = logging.getLogger(__name__)


def daily(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y-%m-%d")


def hourly(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H")


def every_minute(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M")


def every_ten_minutes(now: dt.datetime) -> str:
    utc = now.astimezone(dt.UTC)
    return f"{utc:%Y-%m-%dT%H:}{utc.minute // 10}"


@dataclass(frozen=True)
class Job:
    name: str
    task: object  # a django_tasks Task
    period: Callable[[dt.datetime], str]


JOBS = (
    Job("purge_retention", tasks.purge_retention, daily),
    Job("purge_audit", tasks.purge_audit, daily),
    Job("purge_stale_drafts", tasks.purge_stale_drafts, hourly),
    Job("purge_idempotency_keys", tasks.purge_idempotency_keys, hourly),
    Job("sweep_outbox", tasks.sweep_outbox, every_ten_minutes),
    Job("embed_missing_faces", tasks.embed_missing_faces, every_ten_minutes),
    Job("kiosk_wipe_abandoned", tasks.kiosk_wipe_abandoned, every_minute),
)


def tick(now: dt.datetime | None = None, worker: str = "") -> list[str]:
    """Enqueues the jobs due in this period that no worker has enqueued yet; their names."""
    now = now or timezone.now()
    started = []
    for job in JOBS:
        period = job.period(now)
        if PeriodicRun.objects.filter(job=job.name, period=period).exists():
            continue
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(job=job.name, period=period, worker=worker[:64])
                job.task.enqueue()
        except IntegrityError:
            continue  # another worker won this period
        except OperationalError as exc:  # SQLite busy: the next tick tries again
            log.warning("periodic job %s not scheduled: %s", job.name, type(exc).__name__)
            continue
        log.info("periodic job scheduled", extra={"job": job.name, "period": period})
        started.append(job.name)
    return started
