"""X-Road messages already answered: a repeated `X-Road-Id` with the same body gets the
same answer (X-Road retries after a lost response), never a second decision or use."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from ..core.fields import EncryptedJSONField
from ..photos.models import Photo


class AnsweredMessage(models.Model):
    client = models.CharField(max_length=200)
    message_id = models.CharField(max_length=200)
    body_hash = models.CharField(max_length=64)
    # The photo's deletion (retention) takes the stored answer with it.
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="+")
    status_code = models.PositiveSmallIntegerField()
    # The answer names the studio, the photographer and the officer, and holds the
    # officer's message: encrypted at rest like those names are in their own rows.
    response = EncryptedJSONField(purpose="xroad")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "message_id"], name="unique_xroad_id")
        ]
