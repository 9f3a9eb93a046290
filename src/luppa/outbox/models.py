"""Messages to customers (receipt by e-mail or SMS), queued in the same transaction as the
event that causes them and delivered by a worker with retries: a mail outage loses nothing."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from ..core.fields import EncryptedBinaryField, EncryptedTextField


class Message(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", "e-mail"
        SMS = "sms", "SMS"
        SUOMIFI = "suomifi", "Suomi.fi"  # the customer's Suomi.fi mailbox (Messages)

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        SENT = "sent", "sent"
        FAILED = "failed", "failed"  # gave up after the last retry

    channel = models.CharField(max_length=10, choices=Channel.choices)
    # Encrypted until sent, then emptied: a sent message's row keeps nothing personal.
    recipient = EncryptedTextField(max_length=254, purpose="outbox")
    subject = models.CharField(max_length=200, blank=True)  # the photo ID only
    body = EncryptedTextField(purpose="outbox")
    # The receipt PDF for e-mail.
    attachment = EncryptedBinaryField(null=True, blank=True, purpose="outbox")
    attachment_name = models.CharField(max_length=100, blank=True)
    photo = models.ForeignKey(
        "photos.Photo", null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
