"""Photos are deleted six months after submission, with their images, in one go."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from luppa.accounts.models import Account, Photographer, User
from luppa.photos import services
from luppa.photos.models import Photo, PhotoImage

pytestmark = pytest.mark.django_db


@pytest.fixture
def photographer() -> Photographer:
    user = User.objects.create(username="u1", full_name="Pia")
    account = Account.objects.create(kind="person", owner=user, name="Pia", studio_name="P")
    return Photographer.objects.create(account=account, name="Pia")


def test_photos_older_than_six_months_are_deleted_with_their_images(
    photographer: Photographer, framed_biden
) -> None:
    account = photographer.account
    old = services.submit(
        services.create_draft(account, photographer, framed_biden.jpeg, {"hetu": "131052-308T"})
    )
    recent = services.submit(
        services.create_draft(photographer.account, photographer, framed_biden.jpeg, {})
    )
    Photo.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - dt.timedelta(days=190))
    call_command("purge_expired")
    assert list(Photo.objects.values_list("pk", flat=True)) == [recent.pk]
    assert PhotoImage.objects.count() == 1


def test_hetu_is_stored_only_encrypted_and_hashed(photographer: Photographer, framed_biden) -> None:
    photo = services.create_draft(
        photographer.account, photographer, framed_biden.jpeg, {"hetu": "131052-308T"}
    )
    row = Photo.objects.filter(pk=photo.pk).values().get()
    dump = repr(row)
    assert "131052" not in dump
    assert row["hetu_hash"] and len(row["hetu_hash"]) == 64
    image = PhotoImage.objects.get(photo=photo)
    assert framed_biden.jpeg[:64] not in bytes(image.ciphertext)
    assert image.data() == framed_biden.jpeg
