"""Retention: deletes photos six months after submission (and drafts left for a day),
with their encrypted images and queued messages. Run daily (cron or a timer unit)."""

from django.core.management.base import BaseCommand

from luppa.photos.services import purge_expired


class Command(BaseCommand):
    help = "Delete photos past their retention time."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"deleted {purge_expired()} rows")
