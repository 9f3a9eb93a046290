"""My photos: a citizen signs in with Suomi.fi and sees the photos submitted with their own
HETU (photo ID, studio, time, state), and can have the receipt e-mailed to themselves."""

from __future__ import annotations

import pytest
from django.test import Client
from test_review_search import make_photo, make_studio, report  # noqa: F401 - fixture
from webtools import KALLE, VILLE, identify

from luppa.audit.models import AuditEvent
from luppa.core.photo_id import display
from luppa.integrations.identification import TEST_PERSONS
from luppa.outbox.models import Message
from luppa.photos.models import Photo

pytestmark = pytest.mark.django_db
ASTRID = len(TEST_PERSONS) - 1
VILLE_HETU = TEST_PERSONS[VILLE].hetu


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()  # the resend limit is counted in the cache


@pytest.fixture
def villes_photo(framed_biden, report) -> Photo:  # noqa: F811
    studio = make_studio(studio_name="Studio Valo")
    make_photo(studio, framed_biden.jpeg, report, hetu=TEST_PERSONS[KALLE].hetu)
    make_photo(studio, framed_biden.jpeg, report, days_ago=200, hetu=VILLE_HETU)  # too old
    make_photo(studio, framed_biden.jpeg, report, submit=False, hetu=VILLE_HETU)  # a draft
    return make_photo(studio, framed_biden.jpeg, report, days_ago=3, hetu=VILLE_HETU)


def test_a_citizen_sees_the_photos_taken_with_their_hetu(client: Client, villes_photo) -> None:
    identify(client, VILLE)
    page = client.get("/photos/mine/")
    assert page.status_code == 200
    text = page.content.decode()
    assert display(villes_photo.photo_id) in text and "Studio Valo" in text
    assert text.count("Lähetä kuitti minulle") == 1  # not the old one, the draft or Kalle's
    assert VILLE_HETU not in text
    event = AuditEvent.objects.get(action="mine.list")
    assert event.photo_ids == [villes_photo.photo_id]


def test_someone_else_sees_none_of_them(client: Client, villes_photo) -> None:
    identify(client, ASTRID)  # an eIDAS user: no HETU, nothing can be linked
    assert "Lähetä kuitti minulle" not in client.get("/photos/mine/").content.decode()


def test_the_page_needs_identification(client: Client) -> None:
    assert client.get("/photos/mine/")["Location"].startswith("/login/")


def test_the_receipt_is_sent_again_to_the_citizen(client: Client, villes_photo) -> None:
    identify(client, VILLE)
    url = f"/photos/mine/{villes_photo.photo_id}/resend/"
    response = client.post(url, {"email": "ville@example.fi"}, follow=True)
    assert "Kuvakuitti lähetetään" in response.content.decode()
    message = Message.objects.get(recipient="ville@example.fi")
    assert message.photo == villes_photo and message.attachment
    assert AuditEvent.objects.filter(action="mine.resend").count() == 1


def test_another_persons_photo_cannot_be_resent(client: Client, villes_photo) -> None:
    identify(client, KALLE)
    url = f"/photos/mine/{villes_photo.photo_id}/resend/"
    assert client.post(url, {"email": "kalle@example.fi"}).status_code == 404
    assert not Message.objects.filter(recipient="kalle@example.fi").exists()


def test_resends_are_limited(client: Client, villes_photo) -> None:
    identify(client, VILLE)
    url = f"/photos/mine/{villes_photo.photo_id}/resend/"
    for _ in range(6):
        client.post(url, {"email": "ville@example.fi"})
    assert Message.objects.filter(recipient="ville@example.fi").count() == 5


def test_a_bad_address_is_refused_clearly(client: Client, villes_photo) -> None:
    identify(client, VILLE)
    url = f"/photos/mine/{villes_photo.photo_id}/resend/"
    response = client.post(url, {"email": "not an address"}, follow=True)
    assert response.status_code == 200 and "kelvollinen" in response.content.decode()
    assert not Message.objects.filter(photo=villes_photo, recipient="not an address").exists()
