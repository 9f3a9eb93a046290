"""Anonymised statistics: one row per submitted photo, with no personal data and no
foreign keys, so the counts survive the deletion of the photos (SPEC §2.8, §4).

The photographer's and the studio's names recorded at submission are encrypted at rest like
every other name (a named photographer is a person; a receipt studio name is often one).
Nothing groups or sorts by them in the database: the statistics group by the ids and sort
the decrypted names in Python (queries.py)."""

from __future__ import annotations

from django.db import models

from ..core.fields import EncryptedTextField


class PhotoStat(models.Model):
    account_id = models.BigIntegerField()
    photographer_id = models.BigIntegerField()
    photographer_name = EncryptedTextField(max_length=100, purpose="person")
    studio_name = EncryptedTextField(max_length=200, purpose="person")
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
