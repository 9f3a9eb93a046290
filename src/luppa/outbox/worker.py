"""Delivers queued messages: e-mail through Django's mail backend, SMS through the SMS
gateway, Suomi.fi mailbox messages through the Messages client. A failed delivery is
retried with exponential backoff (1, 2, 4 … minutes) and given up after MAX_ATTEMPTS, so an
outage of any of them loses nothing.

Each message has its own task (outbox/tasks.py), enqueued in the transaction that queues
the message; a retry re-enqueues it to run after the backoff. `deliver_due` is the periodic
safety net for a message whose task was lost. Either way the message is claimed in its own
short transaction, its row locked, so several workers never send the same message twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.utils import timezone

from ..core.crypto import decrypt
from ..integrations.sms import gateway
from ..integrations.viestit import NoMailbox, messages_service
from .models import Message
from .receipts import receipt_attachment

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_DELAY = dt.timedelta(minutes=1)
# A mail server that accepts the connection and then hangs must not hold the worker (and
# the message's row lock) for ever; settings.EMAIL_TIMEOUT wins when it is set.
DEFAULT_MAIL_TIMEOUT = 30


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed try: 1, 2, 4, … minutes."""
    return FIRST_DELAY * 2 ** (attempts - 1)


def deliver_due(now: dt.datetime | None = None, limit: int = 500) -> dict[str, int]:
    """One pass over the messages due at `now`: {"sent": n, "retry": n, "failed": n}."""
    now = now or timezone.now()
    counts: Counter[str] = Counter()
    for _ in range(limit):
        outcome = _deliver_next(now)
        if outcome is None:
            break
        counts[outcome] += 1
    return {key: counts.get(key, 0) for key in ("sent", "retry", "failed")}


def _deliver_next(now: dt.datetime) -> str | None:
    with transaction.atomic():
        due = Message.objects.filter(status=Message.Status.QUEUED, next_attempt_at__lte=now)
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        message = due.order_by("next_attempt_at", "pk").first()
        if message is None:
            return None
        return _attempt(message, now)


def deliver_one(pk: int, now: dt.datetime | None = None) -> str:
    """One delivery attempt of one message: "sent", "retry", "failed" or "skipped" (already
    sent or given up, or not yet due: a duplicate or early task does nothing)."""
    now = now or timezone.now()
    with transaction.atomic():
        # The row lock is taken by an UPDATE, which SQLite also serialises: of two workers
        # holding a task for the same message, the second sees it sent and skips it.
        claimed = Message.objects.filter(
            pk=pk, status=Message.Status.QUEUED, next_attempt_at__lte=now
        ).update(next_attempt_at=now)
        if not claimed:
            return "skipped"
        return _attempt(Message.objects.get(pk=pk), now)


def _attempt(message: Message, now: dt.datetime) -> str:
    try:
        _send(message)
    except NoMailbox:
        # Not an outage: this customer cannot be reached in Suomi.fi; do not retry.
        message.status = Message.Status.FAILED
        message.attempts += 1
        message.last_error = "NoMailbox"
        message.attachment = None
        message.save()
        return "failed"
    except Exception as exc:  # any failure of mail, SMS or Messages: try again later
        return _failed(message, exc, now)
    message.status = Message.Status.SENT
    message.sent_at = timezone.now()
    message.attempts += 1
    message.last_error = ""
    # The contact, text and PDF were only needed for sending; the photo keeps what
    # matters, and a sent message's row keeps nothing personal.
    message.attachment = None
    message.recipient = ""
    message.body = ""
    message.save()
    log.info("outbox message sent", extra={"message_id": message.pk, "channel": message.channel})
    return "sent"


def _send(message: Message) -> None:
    if message.channel == Message.Channel.EMAIL:
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.recipient],
            connection=get_connection(
                timeout=getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_MAIL_TIMEOUT
            ),
        )
        if attachment := receipt_attachment(message):
            email.attach(message.attachment_name, attachment, "application/pdf")
        email.send(fail_silently=False)
    elif message.channel == Message.Channel.SMS:
        gateway().send(message.recipient, message.body)
    elif message.channel == Message.Channel.SUOMIFI:
        _send_to_mailbox(message)
    else:
        raise ValueError(f"unknown channel {message.channel!r}")


def _send_to_mailbox(message: Message) -> None:
    service = messages_service()
    photo = message.photo
    if service is None or photo is None or not photo.hetu_ciphertext:
        raise NoMailbox
    # The HETU is read from the photo only now and is never copied into the outbox row.
    hetu = decrypt(bytes(photo.hetu_ciphertext), "hetu").decode()
    service.send(
        external_id=f"luppa-receipt-{message.pk}",  # the idempotency key: retries never repeat
        hetu=hetu,
        title=message.subject,
        body=message.body,
        file_name=message.attachment_name,
        file_bytes=receipt_attachment(message),
    )


def _failed(message: Message, exc: Exception, now: dt.datetime) -> str:
    message.attempts += 1
    message.last_error = f"{type(exc).__name__}: {exc}"[:300]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = Message.Status.FAILED
        outcome = "failed"
    else:
        message.next_attempt_at = now + backoff(message.attempts)
        outcome = "retry"
        from .tasks import schedule_delivery

        schedule_delivery(message)
    message.save()
    # The recipient stays out of the log: it is personal data.
    log.warning(
        "outbox message %s (%s) attempt %s failed: %s",
        message.pk,
        message.channel,
        message.attempts,
        type(exc).__name__,
    )
    return outcome
