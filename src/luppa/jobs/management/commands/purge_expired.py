"""Retention, run daily (by the periodic job, cron or a timer unit):

- photos six months after submission (and drafts left for a day), with their encrypted
  images, queued messages, uses, decisions and stored API and X-Road answers;
- X-Road answers kept for retries, after a week;
- audit records after five years (seed 004).
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from luppa.api import idempotency
from luppa.audit import retention
from luppa.photos.services import purge_expired
from luppa.xroad.models import AnsweredMessage

XROAD_REPLAY_WINDOW = dt.timedelta(days=7)


class Command(BaseCommand):
    help = "Delete photos and audit records past their retention time."

    def handle(self, *args: object, **options: object) -> None:
        now = timezone.now()
        self.stdout.write(f"deleted {purge_expired(now) + idempotency.purge_expired(now)} rows")
        cutoff = now - XROAD_REPLAY_WINDOW
        answers = AnsweredMessage.objects.filter(created_at__lt=cutoff).delete()[0]
        self.stdout.write(f"deleted {answers} stored X-Road answers")
        self.stdout.write(f"deleted {retention.purge()} audit records")
