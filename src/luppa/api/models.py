"""Idempotency keys of the studio API: a retried submission returns the first photo.

Only keyed hashes of the client's key and of the request body are stored: a studio might
put anything in the key, even the customer's HETU, and the body does contain personal data.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from ..accounts.models import Account
from ..core.fields import EncryptedJSONField
from ..photos.models import Photo


class IdempotencyKey(models.Model):
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64)
    body_hash = models.CharField(max_length=64)
    # Deleting the photo (retention) removes the key too: nothing left to replay.
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="+")
    status_code = models.PositiveSmallIntegerField()
    # The first answer names the customer: encrypted like the photo's own person fields.
    response = EncryptedJSONField(purpose="api")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "key_hash"], name="unique_idempotency_key")
        ]

    def __str__(self) -> str:
        return f"idempotency key {self.key_hash[:8]}"
