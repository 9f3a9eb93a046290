"""Finding photos for an authority: by HETU, by photo ID, or from what the customer remembers.

Shared by the officer's pages and the X-Road service, so both find exactly the same photos:
submitted photos still held by the service (six months from submission). Each function
returns a lazy queryset, newest submission first. The HETU and photo-ID lookups compare the
indexed columns (`hetu_hash`, `photo_id`) with plain values, never a function of a column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from ..accounts.models import Account
from ..core import name_index
from ..core.person_id import hetu_hash, same_day_other_centuries
from ..core.postgresql import direct
from ..core.text_search import text_contains
from ..directory.models import Studio
from ..photos.models import RETENTION, Photo, PhotoImage, birth_date_hash
from ..photos.models.photo.queryset import LIST_DEFER

__all__ = [
    "LIST_DEFER",
    "LostReceiptCriteria",
    "by_details",
    "by_hetu",
    "held_image",
    "held_photos",
]


def held_photos(now: dt.datetime | None = None) -> QuerySet[Photo]:
    """Every submitted photo that authorities may still fetch."""
    return Photo.objects.held(now)


@cache
def _held_image_sql() -> str:
    photo, image = Photo._meta, PhotoImage._meta
    q = connection.ops.quote_name

    def col(meta, name):  # type: ignore[no-untyped-def]
        return f"{q(meta.db_table)}.{q(meta.get_field(name).column)}"

    return (
        f"SELECT {col(image, 'ciphertext')}, {col(photo, 'account')} "
        f"FROM {q(image.db_table)} JOIN {q(photo.db_table)} "
        f"ON {col(photo, 'id')} = {col(image, 'photo')} "
        f"WHERE {col(photo, 'photo_id')} = %s AND {col(photo, 'state')} = %s "
        f"AND {col(photo, 'submitted_at')} >= %s"
    )


def held_image(canonical_id: str, now: dt.datetime | None = None) -> tuple[bytes, int] | None:
    """The encrypted JPEG of a photo that held_photos() finds, and its account's id.

    The X-Road image fetch is the service's busiest call: one plain SQL statement (the same
    rule as held_photos, which tests hold it to) instead of the ORM's query building."""
    cutoff = (now or timezone.now()) - RETENTION
    # Binary results: the photo leaves PostgreSQL as its bytes, not as hex twice its size.
    params = [canonical_id, Photo.State.SUBMITTED.value, cutoff]
    row = direct.fetchone(_held_image_sql(), params, binary=True)
    return None if row is None else (bytes(row[0]), row[1])


def _listed(photos: QuerySet[Photo]) -> QuerySet[Photo]:
    return photos.for_list()


def by_hetu_hash(lookup_hash: str, now: dt.datetime | None = None) -> QuerySet[Photo]:
    """Photos submitted with the HETU whose keyed hash (core.person_id.hetu_hash) is given."""
    return _listed(held_photos(now).filter(hetu_hash=lookup_hash))


def by_hetu(hetu: str, now: dt.datetime | None = None) -> QuerySet[Photo]:
    """Photos submitted with exactly this HETU; raises core.person_id.InvalidPersonId."""
    return by_hetu_hash(hetu_hash(hetu), now)


def by_photo_id(canonical_id: str, now: dt.datetime | None = None) -> QuerySet[Photo]:
    """The photo with this canonical ID (core.photo_id.normalise), if still held."""
    return _listed(held_photos(now).filter(photo_id=canonical_id))


@dataclass(frozen=True)
class LostReceiptCriteria:
    """What a customer without a receipt remembers. Empty terms are ignored.

    - studio: any part of the studio's name (receipt name, account name, directory studio).
    - taken_from, taken_to: local dates of photography, inclusive.
    - first_name, surname: any part of the name given, case-insensitive.
    - birth_date: exact.
    """

    studio: str = ""
    taken_from: dt.date | None = None
    taken_to: dt.date | None = None
    first_name: str = ""
    surname: str = ""
    birth_date: dt.date | None = None

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.studio,
                self.taken_from,
                self.taken_to,
                self.first_name,
                self.surname,
                self.birth_date,
            )
        )


def by_details(criteria: LostReceiptCriteria, now: dt.datetime | None = None) -> QuerySet[Photo]:
    """Photos matching every given term; an empty criteria finds nothing rather than all."""
    photos = held_photos(now)
    if criteria.empty:
        return photos.none()
    if criteria.studio:
        studios = Studio.objects.filter(text_contains("name", criteria.studio))
        # The account's own names are encrypted (found through their keyed index); the
        # directory's studio names are public and matched as text.
        photos = photos.filter(
            Q(account__in=Account.objects.search(criteria.studio).values("pk"))
            | Q(account__in=studios.values("account"))
        )
    photos = photos.taken_between(criteria.taken_from, criteria.taken_to)
    if criteria.first_name:
        photos = photos.filter(name_index.contains("first_names", criteria.first_name))
    if criteria.surname:
        photos = photos.filter(name_index.contains("surname", criteria.surname))
    if criteria.birth_date:
        # DDMMYY names no century: 111111 finds those born in 1911 as well as in 2011.
        hashes = [birth_date_hash(d) for d in same_day_other_centuries(criteria.birth_date)]
        photos = photos.filter(birth_date_hash__in=hashes)
    return _listed(photos)


def same_person(photo: Photo, now: dt.datetime | None = None) -> QuerySet[Photo]:
    """The service's other photos submitted with the same HETU, for comparison."""
    if not photo.hetu_hash:
        return Photo.objects.none()
    return by_hetu_hash(photo.hetu_hash, now).exclude(pk=photo.pk)
