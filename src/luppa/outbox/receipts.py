"""Queues the receipt messages of a submitted photo: an e-mail with the PDF receipt and/or
a text message. Runs on the photo layer's photo_submitted signal, inside the submitting
transaction, so the messages
exist exactly when the submission does; the worker (worker.py) delivers them later.

Like the paper receipt, the messages are in the receipt's languages (chosen for the customer),
whatever the photographer's screen language, so their text comes from templates without
translation tags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string

from ..photos import receipt as printing
from .models import Message
from .tasks import schedule_delivery

if TYPE_CHECKING:
    from ..photos.models import Photo


def queue_receipt(photo: Photo) -> list[Message]:
    """Creates (never sends) the receipt messages for the photo's receipt contacts."""
    to_mailbox = photo.has_hetu and bool(settings.MESSAGES_BACKEND)
    if not (photo.receipt_email or photo.receipt_phone or to_mailbox):
        return []
    data = printing.receipt_data(photo)
    context = _context(data)
    queued = []
    if photo.receipt_email:
        queued.append(_email(photo, photo.receipt_email, data, context))
    if to_mailbox:
        # Also to the customer's Suomi.fi mailbox; the worker checks that it exists. The HETU
        # stays encrypted on the photo and is not copied into the message.
        queued.append(_email(photo, "Suomi.fi", data, context, Message.Channel.SUOMIFI))
    if photo.receipt_phone:
        queued.append(
            Message.objects.create(
                channel=Message.Channel.SMS,
                recipient=photo.receipt_phone,
                body=render_to_string("outbox/receipt_sms.txt", context).strip(),
                photo=photo,
            )
        )
    for message in queued:
        schedule_delivery(message)  # in this same transaction: delivered iff submitted
    return queued


def on_submitted(sender: object = None, *, photo: Photo, **kwargs: object) -> None:
    """Receiver of photos.signals.photo_submitted (connected in OutboxConfig.ready())."""
    queue_receipt(photo)


def on_receipt_requested(
    sender: object = None, *, photo: Photo, email: str, **kwargs: object
) -> None:
    """Receiver of photos.signals.receipt_requested (connected in OutboxConfig.ready())."""
    queue_receipt_email(photo, email)


def queue_receipt_email(photo: Photo, email: str) -> Message:
    """The receipt again, by e-mail to `email` (the customer asking for it on My photos)."""
    data = printing.receipt_data(photo)
    message = _email(photo, email, data, _context(data))
    schedule_delivery(message)
    return message


def _context(data: printing.ReceiptData) -> dict:
    return {
        "data": data,
        "labels": data.labels,
        "languages": data.languages,
        "instructions": dict(data.instructions),
    }


def _email(
    photo: Photo,
    email: str,
    data: printing.ReceiptData,
    context: dict,
    channel: str = Message.Channel.EMAIL,
) -> Message:
    return Message.objects.create(
        channel=channel,
        recipient=email,
        subject=f"{data.title.replace(' · ', ' / ')} {data.display_id}",
        body=render_to_string("outbox/receipt_email.txt", context),
        attachment=printing.receipt_pdf(data, printing.DEFAULT_SIZE),
        attachment_name=printing.filename(data.photo_id),
        photo=photo,
    )
