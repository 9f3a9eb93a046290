"""Forgetting at the kiosk: abandoned visits (nothing of a customer stays on a kiosk) and
old cases. Run every minute by the periodic job `kiosk_wipe_abandoned` (luppa.jobs)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .flow import wipe_abandoned_visits
from .models import Case

# A case is kept for the counter to continue it; after that, the permit system has it.
CASE_LIFETIME = dt.timedelta(days=30)


def wipe(now: dt.datetime | None = None) -> tuple[int, int]:
    """(visits, cases) deleted: visits idle longer than KIOSK_IDLE_SECONDS, cases older than
    CASE_LIFETIME."""
    now = now or timezone.now()
    visits = wipe_abandoned_visits(now)
    with transaction.atomic():
        cases = Case.objects.filter(created_at__lt=now - CASE_LIFETIME).delete()[0]
    return visits, cases
