"""Face comparison on the officer's photo page: verdicts against the same HETU's earlier
photos and the photo compared side by side, and the possible-duplicate-identity warning.

Nothing here decides anything: the verdicts and the warning are aids for the officer, who
looks at the photos. Embeddings are computed by a background task queued with each
submission (photos.services.embed_photo); a page that gets to photos before the worker did
computes theirs itself (`catch_up`). They are read here decrypted; the 1:N gallery lives in
this process's memory and follows the table: new embeddings are appended, and any deletion
(retention) rebuilds it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count, Max, Min
from django.utils.translation import get_language

from .. import faces
from ..core import photo_id as photo_ids
from ..core.crypto import InvalidToken
from ..faces import messages as faces_messages
from ..photos.models import Photo, PhotoEmbedding
from ..photos.services import embed_missing, store_embedding
from . import search as finder

SAME, DIFFERENT, CANNOT = "same", "different", "cannot"
log = logging.getLogger(__name__)
# At most this many matching photos are named in a duplicate warning.
MAX_DUPLICATE_MATCHES = 10
# Photos the page embeds itself when the worker is behind, oldest first, for the gallery.
CATCH_UP = 20


@dataclass(frozen=True)
class Verdict:
    outcome: str  # SAME, DIFFERENT or CANNOT
    score: float | None = None
    threshold: float = faces.THRESHOLD
    concerns: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return faces_messages.render(f"verdict.{self.outcome}", _lang())

    @property
    def concern_labels(self) -> list[str]:
        return [concern_label(c) for c in self.concerns]


def _lang() -> str:
    return (get_language() or "fi")[:2]


def concern_label(key: str) -> str:
    """A concern in the page's language, from the faces package's own catalogue."""
    return faces_messages.concern(key, _lang())


@dataclass(frozen=True)
class Stored:
    vector: np.ndarray
    concerns: tuple[str, ...]


def stored(photos: list[Photo]) -> dict[int, Stored]:
    rows = PhotoEmbedding.objects.filter(
        photo__in=[p.pk for p in photos], model_version=faces.MODEL_VERSION
    )
    found = {}
    for row in rows:
        try:
            found[row.photo_id] = Stored(row.vector(), tuple(row.concerns))
        except (InvalidToken, ValueError):
            # Encrypted under a retired key, or damaged: that photo "cannot be compared".
            log.warning("an unreadable face embedding was skipped")
    return found


def verdict(a: Stored | None, b: Stored | None) -> Verdict:
    """A comparison shown as a verdict. A pose or occlusion concern on either photo turns
    the verdict into "cannot compare" (with the score still on demand), not a guess."""
    if a is None or b is None:
        return Verdict(CANNOT, concerns=("faces.no_embedding",))
    result = faces.compare_vectors(a.vector, b.vector, [*a.concerns, *b.concerns])
    if not result.reliable:
        return Verdict(CANNOT, result.score, result.threshold, result.concerns)
    return Verdict(SAME if result.same_person else DIFFERENT, result.score, result.threshold)


@dataclass(frozen=True)
class DuplicateMatch:
    photo: Photo
    score: float
    concerns: tuple[str, ...] = ()  # either photo's: the match is then less certain

    @property
    def concern_labels(self) -> list[str]:
        return [concern_label(c) for c in self.concerns]

    @property
    def shown_id(self) -> str:
        return photo_ids.display(self.photo.photo_id)


@dataclass(frozen=True)
class OtherVerdict:
    photo: Photo
    verdict: Verdict

    @property
    def shown_id(self) -> str:
        return photo_ids.display(self.photo.photo_id)


@dataclass
class PageSimilarity:
    """What the photo page shows: verdicts keyed by photo ID, and the warning's matches."""

    has_embedding: bool
    threshold: float = faces.THRESHOLD
    others: list[OtherVerdict] = field(default_factory=list)
    compare_photo: Photo | None = None
    compare: Verdict | None = None
    duplicates: list[DuplicateMatch] = field(default_factory=list)
    # "hetu": matches photos under another HETU; "several": a no-HETU photo matches several.
    duplicate_kind: str = ""


def catch_up(photos: list[Photo]) -> None:
    """Embeds, now, the shown photos whose background task has not run yet, and a bounded
    backlog of other submitted photos, so that the verdicts and the duplicate warning are as
    complete as when the embedding was computed in the submission's request."""
    have = set(
        PhotoEmbedding.objects.filter(
            photo__in=[p.pk for p in photos], model_version=faces.MODEL_VERSION
        ).values_list("photo_id", flat=True)
    )
    for photo in photos:
        if photo.pk not in have and photo.state == Photo.State.SUBMITTED:
            store_embedding(photo)
    embed_missing(limit=CATCH_UP)


def for_page(photo: Photo, others: list[Photo], compare_id: str | None) -> PageSimilarity:
    """Verdicts for the page. The photo compared side by side is one of `others` (same HETU)
    or one of the duplicate warning's matches, chosen by its photo ID."""
    try:
        catch_up([photo, *others])
    except Exception:  # an aid: the page shows what is stored rather than fail
        log.exception("embedding the photos the worker has not reached failed")
    vectors = stored([photo, *others])
    own = vectors.get(photo.pk)
    page = PageSimilarity(has_embedding=own is not None)
    page.others = [OtherVerdict(o, verdict(own, vectors.get(o.pk))) for o in others]
    if own is not None:
        try:
            page.duplicates, page.duplicate_kind = duplicates(photo, own)
        except Exception:  # the warning is an aid: its failure must not cost the page
            log.exception("the duplicate-identity search failed")
    candidates = [*others, *(m.photo for m in page.duplicates)]
    page.compare_photo = next((p for p in candidates if p.photo_id == compare_id), None)
    if page.compare_photo is not None:
        theirs = vectors.get(page.compare_photo.pk) or stored([page.compare_photo]).get(
            page.compare_photo.pk
        )
        page.compare = verdict(own, theirs)
    return page


def duplicates(photo: Photo, own: Stored) -> tuple[list[DuplicateMatch], str]:
    """Photos of the same face under another HETU (or, for a photo without a HETU, under
    at least two different HETUs): a possible duplicate identity for a person to look at."""
    found = {m.key: m.score for m in GALLERY.search(own.vector) if m.key != photo.pk}
    if not found:
        return [], ""
    held = finder.held_photos().filter(pk__in=found).exclude(hetu_hash=None)
    held = held.select_related("account", "photographer").defer(*finder.LIST_DEFER)
    if photo.hetu_hash:
        matches = [p for p in held if p.hetu_hash != photo.hetu_hash]
        kind = "hetu"
    else:
        matches = list(held)
        kind = "several" if len({p.hetu_hash for p in matches}) >= 2 else ""
        matches = matches if kind else []
    matches.sort(key=lambda p: -found[p.pk])
    matches = matches[:MAX_DUPLICATE_MATCHES]
    theirs = dict(
        PhotoEmbedding.objects.filter(photo__in=[p.pk for p in matches]).values_list(
            "photo_id", "concerns"
        )
    )
    shown = [
        DuplicateMatch(p, found[p.pk], tuple(dict.fromkeys([*own.concerns, *theirs.get(p.pk, [])])))
        for p in matches
    ]
    return shown, kind if shown else ""


class GalleryCache:
    """The process's 1:N gallery of the current model's embeddings, keyed by photo pk.

    Embedding rows only ever appear with a higher primary key, so a sync appends the rows
    above the last one seen. The table's row count, highest key and oldest and newest
    creation times must then equal what the gallery holds; if not, something was deleted
    (retention, a cascade) or a key was reused after a rollback, and the gallery is rebuilt.
    Results are filtered through the held photos anyway, so a deleted photo is never shown.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self.gallery = faces.Gallery()
        # rows, highest pk, oldest and newest created_at: the table's fingerprint
        self.seen: tuple = (0, None, None, None)

    def _rows(self):
        return PhotoEmbedding.objects.filter(model_version=faces.MODEL_VERSION)

    def _state(self) -> tuple:
        found = self._rows().aggregate(
            n=Count("pk"), pk=Max("pk"), first=Min("created_at"), last=Max("created_at")
        )
        return (found["n"], found["pk"], found["first"], found["last"])

    def sync(self) -> None:
        with self._lock:
            state = self._state()
            if state == self.seen:
                return
            self._append_new()
            if self.seen != state:
                self._reset()
                self._append_new()

    def _append_new(self) -> None:
        from ..core import crypto

        _, last_pk, oldest, newest = self.seen
        new = list(
            self._rows()
            .filter(pk__gt=last_pk or 0)
            .order_by("pk")
            .values_list("pk", "photo_id", "ciphertext", "created_at")
        )
        if not new:
            return
        vectors = np.stack([faces.from_bytes(crypto.decrypt(row[2])) for row in new])
        self.gallery.add([row[1] for row in new], vectors)
        times = [row[3] for row in new] + [t for t in (oldest, newest) if t]
        self.seen = (len(self.gallery), new[-1][0], min(times), max(times))

    def search(self, vector: np.ndarray) -> list[faces.Match]:
        self.sync()
        return self.gallery.search(vector)


GALLERY = GalleryCache()
