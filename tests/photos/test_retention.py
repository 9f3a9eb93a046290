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


def test_six_months_on_nothing_personal_remains_anywhere(framed_biden) -> None:
    """Pages, both APIs, the X-Road service and a raw query: the photo is gone; the
    anonymised statistics and the audit trail (hashes only) remain."""
    import json

    import time_machine
    from django.db import connection
    from django.test import Client
    from webtools import OUTI, PIA, force_login_officer, force_login_private

    from luppa.accounts.models import ApiKey
    from luppa.audit.chain import verify
    from luppa.audit.models import AuditEvent
    from luppa.reports.models import PhotoStat

    studio = Client()
    force_login_private(studio, PIA)
    account = Account.objects.get()
    photo = services.submit(
        services.create_draft(
            account, account.photographers.get(), framed_biden.jpeg,
            {"first_names": "Heikki", "surname": "Hämäläinen", "hetu": "131052-308T"},
        ),
        receipt_email="heikki.h@example.fi",
    )  # fmt: skip
    _key, secret = ApiKey.issue(account, "studio")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    xroad = {"HTTP_X_ROAD_CLIENT": "FI/GOV/0245437-2/lupa"}
    officer = Client()
    force_login_officer(officer, OUTI)
    pid = photo.photo_id
    assert api.get(f"/api/v1/photos/{pid}").status_code == 200
    assert Client().get(f"/xroad/v1/photos/{pid}", **xroad).status_code == 200
    stats_before = PhotoStat.objects.count()

    with time_machine.travel(timezone.now() + dt.timedelta(days=184)):
        call_command("purge_expired")
        force_login_private(studio, PIA)  # the sessions of six months ago have expired
        force_login_officer(officer, OUTI)
        sent = studio.get("/photos/sent/")
        assert sent.status_code == 200 and "Hämäläinen" not in sent.content.decode()
        assert studio.get(f"/photos/receipt/{pid}/").status_code == 404
        assert api.get(f"/api/v1/photos/{pid}").status_code == 404
        assert officer.get(f"/officer/photos/{pid}/").status_code == 404
        assert Client().get(f"/xroad/v1/photos/{pid}", **xroad).status_code == 404
        search = Client().post(
            "/xroad/v1/photos/search", json.dumps({"hetu": "131052-308T"}),
            content_type="application/json", **xroad,
        )  # fmt: skip
        assert search.json() == {"photos": []}
        with connection.cursor() as cursor:
            for table in ("photos_photo", "photos_photoimage", "outbox_message"):
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                assert cursor.fetchone() == (0,), table
    assert PhotoStat.objects.count() == stats_before > 0
    trail = json.dumps(list(AuditEvent.objects.values("query", "photo_ids")), ensure_ascii=False)
    assert pid in trail and "131052" not in trail and "Hämäläinen" not in trail
    assert list(verify()) == []
