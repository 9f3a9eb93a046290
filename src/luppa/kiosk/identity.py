"""Is the person at the kiosk the document's holder (1:1, live photo against DG2), and is
their face already in the register under another identity (1:N, the gallery)?

Neither answer is shown as such: a mismatch, a possible duplicate or a comparison that
cannot be relied on all send the customer to the counter, where a person looks. The kiosk
never names another photo or person.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import unicodedata
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from .. import faces
from ..officer.similarity import GALLERY, catch_up
from ..photos.models import Photo
from ..quality import UnreadablePhoto

log = logging.getLogger(__name__)

SAME, MISMATCH, CANNOT, DUPLICATE = "same", "mismatch", "cannot", "duplicate"


@dataclass(frozen=True)
class Outcome:
    result: str  # SAME, MISMATCH, CANNOT or DUPLICATE
    score: float | None = None  # the 1:1 score, for the audit trail
    duplicates: int = 0  # how many held photos of another identity matched

    @property
    def passed(self) -> bool:
        return self.result == SAME


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return "".join(ch for ch in text.upper() if ch.isalpha())


def _other_identity(photo: Photo, surname: str, birth_date: dt.date | None) -> bool:
    return _fold(photo.surname) != _fold(surname) or photo.birth_date != birth_date


def as_jpeg(image: bytes) -> bytes:
    """DG2 may hold JPEG 2000, which the photo decoder does not take: re-encoded losslessly
    enough (quality 95) for comparison only; the chip's image is never stored."""
    if image.startswith(b"\xff\xd8"):
        return image
    try:
        with Image.open(io.BytesIO(image)) as decoded:
            out = io.BytesIO()
            decoded.convert("RGB").save(out, "JPEG", quality=95)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return image  # the embedder then says why it cannot read it


def compare(live_jpeg: bytes, document_face: bytes, surname: str, birth_date: dt.date | None):
    try:
        live = faces.embed_bytes(live_jpeg)
        document = faces.embed_bytes(as_jpeg(document_face))
    except (faces.NoUsableFace, UnreadablePhoto) as exc:
        log.info("kiosk comparison impossible: %s", getattr(exc, "key", type(exc).__name__))
        return Outcome(CANNOT)
    concerns = [*faces.embedding_concerns(live), *faces.embedding_concerns(document)]
    one_to_one = faces.compare_vectors(live.vector, document.vector, concerns)
    if not one_to_one.reliable:
        return Outcome(CANNOT, one_to_one.score)
    if not one_to_one.same_person:
        return Outcome(MISMATCH, one_to_one.score)
    try:
        # Photos submitted a moment ago wait for their embedding task; embed that backlog
        # now, as the officer's page does, so a duplicate is not missed for a few seconds.
        catch_up([])
    except Exception:  # the stored gallery still answers
        log.exception("embedding the photos the worker has not reached failed")
    matches = {m.key: m.score for m in GALLERY.search(live.vector)}
    held = Photo.objects.filter(pk__in=list(matches), state=Photo.State.SUBMITTED)
    others = [p for p in held if _other_identity(p, surname, birth_date)]
    if others:
        return Outcome(DUPLICATE, one_to_one.score, len(others))
    return Outcome(SAME, one_to_one.score)
