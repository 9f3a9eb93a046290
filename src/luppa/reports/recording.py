"""Keeps the anonymised statistics in step with submissions and decisions: receivers of
the photo layer's signals (photos/signals.py), connected in ReportsConfig.ready()."""

from __future__ import annotations

from ..photos.models import Photo
from .models import PhotoStat


def on_submitted(sender: object = None, *, photo: Photo, **kwargs: object) -> None:
    flagged = [c["id"] for c in photo.checks if c.get("status") in ("fail", "warn")]
    PhotoStat.objects.update_or_create(
        photo_pk=photo.pk,
        defaults={
            "account_id": photo.account_id,
            "photographer_id": photo.photographer_id,
            "photographer_name": photo.photographer.name,
            "studio_name": photo.account.studio_name,
            "submitted_at": photo.submitted_at,
            "flagged_checks": flagged,
        },
    )


def on_decided(sender: object = None, *, photo: Photo, **kwargs: object) -> None:
    decision = photo.latest_decision
    PhotoStat.objects.filter(photo_pk=photo.pk).update(
        evaluation=photo.evaluation, reasons=list(decision.reasons), decided_at=decision.at
    )
