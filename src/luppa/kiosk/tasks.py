"""The kiosk's periodic job: wipe abandoned visits (nothing of a customer stays on a kiosk)
and forget old cases."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .flow import wipe_abandoned_visits
from .models import Case

log = logging.getLogger(__name__)
# A case is kept for the counter to continue it; after that, the permit system has it.
CASE_LIFETIME = dt.timedelta(days=30)


def every_minute(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M")


def wipe(now: dt.datetime | None = None) -> tuple[int, int]:
    now = now or timezone.now()
    visits = wipe_abandoned_visits(now)
    with transaction.atomic():
        cases = Case.objects.filter(created_at__lt=now - CASE_LIFETIME).delete()[0]
    return visits, cases


@task()
def wipe_abandoned() -> dict[str, int]:
    """Visits idle longer than KIOSK_IDLE_SECONDS, and cases past their lifetime."""
    visits, cases = wipe()
    counts = {"visits": visits, "cases": cases, "idle_seconds": settings.KIOSK_IDLE_SECONDS}
    log.info("job kiosk_wipe_abandoned done", extra={"job": "kiosk_wipe_abandoned", **counts})
    return counts
