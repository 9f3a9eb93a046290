"""Anonymised statistics: one row per submitted photo, with no personal data and no
foreign keys, so the counts survive the deletion of the photos (SPEC §2.8, §4)."""

from __future__ import annotations

from django.db import models


class PhotoStat(models.Model):
    account_id = models.BigIntegerField()
    photographer_id = models.BigIntegerField()
    photographer_name = models.CharField(max_length=100)
    studio_name = models.CharField(max_length=200)
    submitted_at = models.DateTimeField()
    evaluation = models.CharField(max_length=10, default="pending")
    reasons = models.JSONField(default=list)
    # Checks the automatic assessment failed or warned on at submission.
    flagged_checks = models.JSONField(default=list)
    decided_at = models.DateTimeField(null=True)
    # The photo's row while it exists; a plain number, never a key.
    photo_pk = models.BigIntegerField(unique=True)

    class Meta:
        indexes = [
            models.Index(fields=["account_id", "submitted_at"]),
            models.Index(fields=["submitted_at"]),
        ]
