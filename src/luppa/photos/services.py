"""What happens to a photo: drafted and checked, replaced, submitted with a photo ID.

Used by the web pages and the studio API alike; nothing here knows about HTTP.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..accounts.models import Account, Photographer
from ..core import photo_id
from ..core.person_id import hetu_birth_date
from ..quality import assess
from ..quality.report import Report
from .models import RETENTION, Photo, PhotoImage

# Checks whose failure means the permit systems cannot take the file at all.
BLOCKING_CHECKS = ("format.jpeg", "format.dimensions", "format.file_size")


class SubmitRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def stored_checks(report: Report) -> list[dict[str, Any]]:
    """The report without rendered text, so any language can be shown later."""
    return [
        {
            "id": c.id,
            "section": c.section,
            "status": str(c.status),
            "value": c.value,
            "limit": c.limit,
            "key": c.message_key,
            "params": c.params,
        }
        for c in report.checks
    ]


def _apply_report(photo: Photo, report: Report) -> None:
    photo.checks = stored_checks(report)
    photo.geometry = report.geometry.to_dict() if report.geometry else None
    photo.verdict = report.verdict


@transaction.atomic
def create_draft(
    account: Account,
    photographer: Photographer,
    image: bytes,
    person: dict[str, Any],
    report: Report | None = None,
) -> Photo:
    if photographer.account_id != account.pk or not photographer.active:
        raise ValueError("photographer of another account")
    report = report or assess(image, "upload.jpg")
    birth_date = person.get("birth_date")
    if person.get("hetu") and birth_date is None:
        birth_date = hetu_birth_date(person["hetu"])
    photo = Photo(
        account=account,
        photographer=photographer,
        first_names=person.get("first_names", ""),
        surname=person.get("surname", ""),
        birth_date=birth_date,
        consent_at=timezone.now(),
    )
    photo.set_hetu(person.get("hetu") or None)
    _apply_report(photo, report)
    photo.save()
    _store_image(photo, image)
    return photo


def _store_image(photo: Photo, image: bytes) -> None:
    from ..quality.decode import decode

    decoded = decode(image)
    PhotoImage.objects.filter(photo=photo).delete()
    PhotoImage.from_bytes(photo, image, decoded.width, decoded.height).save()


@transaction.atomic
def replace_image(photo: Photo, image: bytes) -> Photo:
    if photo.state != Photo.State.DRAFT:
        raise SubmitRefused("already submitted")
    _apply_report(photo, assess(image, "upload.jpg"))
    photo.taken_at = timezone.now()
    photo.guided_ticks = {}
    photo.save()
    _store_image(photo, image)
    return photo


def blocking_failures(photo: Photo) -> list[str]:
    return [c["id"] for c in photo.checks if c["id"] in BLOCKING_CHECKS and c["status"] == "fail"]


def submit(
    photo: Photo, receipt_email: str = "", receipt_phone: str = "", submitted_by: str = ""
) -> Photo:
    """Registers the photo officially: a photo ID, and receipt messages queued atomically.

    `submitted_by` is the keyed identity of the identified person who submits (the user's
    keyed hash), kept beside the free-form named photographer for the permit systems."""
    from ..integrations.trade_register import refusal
    from ..outbox.receipts import queue_receipt
    from ..reports.recording import on_submitted

    if photo.account.suspended:
        raise SubmitRefused("account suspended")
    if reason := refusal(photo.account.kind, photo.account.business_id):
        raise SubmitRefused(reason)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                locked = Photo.objects.select_for_update().get(pk=photo.pk)
                if locked.state != Photo.State.DRAFT:
                    raise SubmitRefused("already submitted")
                if blocking_failures(locked):
                    raise SubmitRefused("format")
                locked.photo_id = photo_id.generate()
                locked.state = Photo.State.SUBMITTED
                locked.submitted_at = timezone.now()
                locked.receipt_email = receipt_email
                locked.receipt_phone = receipt_phone
                locked.submitted_by = submitted_by[:64]
                locked.save()
                queue_receipt(locked)
                on_submitted(locked)
                return locked
        except IntegrityError:
            continue  # an ID collision (about one in 10^12): draw another
    raise SubmitRefused("could not allocate a photo ID")


def purge_expired(now: dt.datetime | None = None) -> int:
    """Deletes photos six months after submission, and drafts left for a day, with their
    images and messages, in one transaction each; statistics are kept elsewhere."""
    now = now or timezone.now()
    old = Photo.objects.filter(submitted_at__lt=now - RETENTION)
    stale = Photo.objects.filter(state=Photo.State.DRAFT, created_at__lt=now - dt.timedelta(days=1))
    count = 0
    for queryset in (old, stale):
        with transaction.atomic():
            count += queryset.delete()[0]
    from ..api.models import IdempotencyKey

    # A replay window is a day; older keys only keep a response (personal data) around.
    count += IdempotencyKey.objects.filter(created_at__lt=now - dt.timedelta(hours=24)).delete()[0]
    return count
