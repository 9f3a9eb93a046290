"""What happens to a photo: drafted and checked, replaced, submitted with a photo ID.

Used by the web pages and the studio API alike; nothing here knows about HTTP. The optional
`request` only tells the audit trail who acted: each upload and submission is recorded in
the same transaction as the change, so a crash leaves neither without the other.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from ..accounts.models import Account, Photographer
from ..audit.log import record
from ..core import photo_id
from ..core.person_id import hetu_birth_date
from ..integrations.trade_register import refusal
from ..quality import UnreadablePhoto, assess
from ..quality.report import Report
from . import signals
from .models import RETENTION, Photo, PhotoEmbedding, PhotoImage

log = logging.getLogger(__name__)

# What the decree makes objective, and so blocks submission: a JPEG by content, 500×653 px,
# at most 250 kB, and exactly one face. Every other check is advisory, as the manual says:
# the photographer decides, and the officer approves or rejects.
BLOCKING_CHECKS = ("format.jpeg", "format.dimensions", "format.file_size", "face.single")


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
    request: HttpRequest | None = None,
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
    record(request, "photo.upload", photos=[photo.pk], account_id=account.pk)
    return photo


def _store_image(photo: Photo, image: bytes) -> None:
    from ..quality.decode import decode

    decoded = decode(image)
    PhotoImage.objects.filter(photo=photo).delete()
    PhotoImage.from_bytes(photo, image, decoded.width, decoded.height).save()


@transaction.atomic
def replace_image(photo: Photo, image: bytes, request: HttpRequest | None = None) -> Photo:
    if photo.state != Photo.State.DRAFT:
        raise SubmitRefused("already submitted")
    _apply_report(photo, assess(image, "upload.jpg"))
    photo.taken_at = timezone.now()
    photo.guided_ticks = {}
    photo.save()
    _store_image(photo, image)
    record(request, "photo.replace", photos=[photo.pk], account_id=photo.account_id)
    return photo


DRAFT_LIFETIME = dt.timedelta(days=1)  # purge_expired deletes older drafts


def open_drafts(account: Account) -> list[Photo]:
    """The account's unfinished photos still kept, newest first, to resume or discard."""
    since = timezone.now() - DRAFT_LIFETIME
    return list(
        Photo.objects.filter(account=account, state=Photo.State.DRAFT, created_at__gte=since)
        .select_related("photographer")
        .order_by("-created_at", "-pk")
    )


@transaction.atomic
def discard_draft(photo: Photo) -> None:
    """Deletes an unfinished photo and its image; a submitted photo is never discarded."""
    if photo.state != Photo.State.DRAFT:
        raise SubmitRefused("already submitted")
    photo.delete()


def blocking_failures(photo: Photo) -> list[str]:
    return [c["id"] for c in photo.checks if c["id"] in BLOCKING_CHECKS and c["status"] == "fail"]


def submit(
    photo: Photo,
    receipt_email: str = "",
    receipt_phone: str = "",
    receipt_languages: list[str] | None = None,
    request: HttpRequest | None = None,
    submitted_by: str = "",
) -> Photo:
    """Registers the photo officially: a photo ID, and receipt messages queued atomically.

    `submitted_by` is the keyed identity of the identified person who submits (the user's
    keyed hash), kept beside the free-form named photographer for the permit systems."""
    if photo.account.suspended:
        raise SubmitRefused("account suspended")
    if reason := refusal(photo.account.kind, photo.account.business_id):
        raise SubmitRefused(reason)
    # The face embedding is computed before the transaction (about 100 ms of model time on
    # one core; the models are loaded once per process) so that no row lock waits for it.
    embedding = face_embedding(photo)
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
                locked.receipt_languages = list(receipt_languages or ["fi", "sv"])
                locked.submitted_by = submitted_by[:64]
                locked.save()
                if embedding is not None:
                    embedding.photo = locked
                    embedding.save()
                # The outbox queues the receipts and the statistics count the photo, both
                # in this transaction (signals.py).
                signals.photo_submitted.send(Photo, photo=locked)
                # Last in the transaction: the chain's lock is held only for the commit.
                record(request, "photo.submit", photos=[locked], account_id=locked.account_id)
                return locked
        except IntegrityError:
            continue  # an ID collision (about one in 10^12): draw another
    raise SubmitRefused("could not allocate a photo ID")


def face_embedding(photo: Photo) -> PhotoEmbedding | None:
    """The photo's face embedding, encrypted; None when it has no usable face. Never stops a
    submission: the comparison is an aid for the officer, not a condition of the photo."""
    from .. import faces

    try:
        found = faces.embed_bytes(photo.image.data())
    except (faces.NoUsableFace, UnreadablePhoto) as exc:
        log.info("no face embedding for a submitted photo: %s", exc.key)
        return None
    except Exception:  # a missing model file or an OpenCV error must not lose the photo
        log.exception("face embedding failed for a submitted photo")
        return None
    concerns = [*faces.concerns_from_checks(photo.checks), *faces.embedding_concerns(found)]
    return PhotoEmbedding.from_vector(photo, found.vector, faces.MODEL_VERSION, concerns)


def embed_missing(limit: int | None = None) -> tuple[int, int]:
    """Embeds the submitted photos that lack an embedding of the current model (deployment,
    model change); (stored, skipped) counts. Photos without a usable face are tried again on
    the next run, which costs little as there are few of them."""
    from .. import faces

    photos = (
        Photo.objects.filter(state=Photo.State.SUBMITTED, image__isnull=False)
        .exclude(embedding__model_version=faces.MODEL_VERSION)
        .order_by("pk")
    )
    stored = skipped = 0
    for photo in photos[:limit] if limit else photos.iterator(chunk_size=100):
        embedding = face_embedding(photo)
        if embedding is None:
            skipped += 1
            continue
        with transaction.atomic():
            PhotoEmbedding.objects.filter(photo=photo).delete()  # an older model's
            embedding.save()
        stored += 1
    return stored, skipped


def purge_expired(now: dt.datetime | None = None) -> int:
    """Deletes photos six months after submission, and drafts left for a day, with their
    images and messages, in one transaction each; statistics are kept elsewhere."""
    now = now or timezone.now()
    old = Photo.objects.filter(submitted_at__lt=now - RETENTION)
    stale = Photo.objects.filter(state=Photo.State.DRAFT, created_at__lt=now - DRAFT_LIFETIME)
    count = 0
    for queryset in (old, stale):
        with transaction.atomic():
            count += queryset.delete()[0]
    return count
