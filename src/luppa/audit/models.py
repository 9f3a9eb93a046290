"""The audit trail: every read of personal data — who, what was asked, what was shown, when.

Kept five years (SPEC §4). A HETU in a query is recorded only as its keyed hash.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    # Who else acted: an API key's account, or an X-Road client.
    actor_label = models.CharField(max_length=200, blank=True)
    account_id = models.BigIntegerField(null=True, blank=True)  # the account acted in
    action = models.CharField(max_length=50)
    query = models.JSONField(default=dict, blank=True)
    photo_ids = models.JSONField(default=list, blank=True)  # photo IDs (or draft pks) shown

    class Meta:
        indexes = [models.Index(fields=["account_id", "at"])]
