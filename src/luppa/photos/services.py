"""What happens to a photo: drafted and checked, replaced, submitted with a photo ID.

Used by the web pages and the studio API alike; nothing here knows about HTTP. The optional
`request` only tells the audit trail who acted: each upload and submission is recorded in
the same transaction as the change, so a crash leaves neither without the other.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django_tasks import task

from ..accounts.models import Account, Photographer
from ..audit.log import record
from ..core import photo_id
from ..core.errors import Refusal
from ..core.person_id import hetu_birth_date
from ..integrations.trade_register import refusal
from ..quality import UnreadablePhoto, assess
from ..quality.report import Report
from ..quality.stored import to_stored
from . import signals
from .models import RETENTION, Photo, PhotoEmbedding, PhotoImage

log = logging.getLogger(__name__)

# What the decree makes objective, and so blocks submission: a JPEG by content, 500×653 px,
# at most 250 kB, and exactly one face. Every other check is advisory, as the manual says:
# the photographer decides, and the officer approves or rejects.
BLOCKING_CHECKS = ("format.jpeg", "format.dimensions", "format.file_size", "face.single")


class SubmitRefused(Refusal):
    """Why a photo cannot be submitted (or a draft discarded). Codes: "already submitted",
    "account suspended", "format", "could not allocate a photo ID" and the upload policy's
    "policy.*" (integrations.trade_register.refusal)."""

    @property
    def reason(self) -> str:  # the older name of the code
        return self.code


def stored_checks(report: Report) -> list[dict[str, Any]]:
    """The report without rendered text, so any language can be shown later."""
    return [to_stored(c) for c in report.checks]


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


def tick_step(
    photo: Photo,
    step: int,
    ticks: list[str],
    confirmed: list[str] | None = None,
    medical_exception: bool | None = None,
) -> None:
    """Records the requirements the photographer ticked on one step of the guided upload;
    `confirmed` are the ticks given against a failed automatic result (kept for the record),
    `medical_exception` is set on the step that asks it (None: left as it is)."""
    stored = dict(photo.guided_ticks)
    stored[str(step)] = ticks
    if confirmed:
        stored[f"{step}-confirmed"] = confirmed
    else:
        stored.pop(f"{step}-confirmed", None)
    photo.guided_ticks = stored
    fields = ["guided_ticks"]
    if medical_exception is not None:
        photo.medical_exception = medical_exception
        fields.append("medical_exception")
    photo.save(update_fields=fields)


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
                # The face embedding (about 100 ms of model time on one core) is computed by a
                # background task queued in this transaction, not in the studio's request.
                embed_photo.enqueue(locked.pk)
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


def store_embedding(photo: Photo) -> bool:
    """Computes and stores the photo's embedding of the current model unless it has one;
    False when the photo has no usable face (or is gone). Used by the background task and
    by the officer's page when it gets to a photo before the task did."""
    from .. import faces

    if PhotoEmbedding.objects.filter(photo=photo, model_version=faces.MODEL_VERSION).exists():
        return True
    embedding = face_embedding(photo)
    if embedding is None:
        return False
    # The worker's task and an officer's page may embed the same photo at the same moment:
    # the other one's row then stands (the same model, the same vector).
    with contextlib.suppress(IntegrityError), transaction.atomic():
        PhotoEmbedding.objects.filter(photo=photo).delete()  # an older model's
        embedding.save()
    return True


@task()
def embed_photo(photo_pk: int) -> bool:
    """The background task queued by `submit` in its transaction, so every submitted photo
    has one. Until the worker has run it the officer's page embeds the photo itself
    (officer.similarity), and the periodic embed_missing job catches a task that was lost."""
    photo = Photo.objects.filter(pk=photo_pk, state=Photo.State.SUBMITTED).first()
    if photo is None:  # deleted (retention) before the worker got to it
        return False
    return store_embedding(photo)


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
        if store_embedding(photo):
            stored += 1
        else:
            skipped += 1
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
