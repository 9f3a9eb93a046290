"""My photos: a citizen signs in with Suomi.fi and sees the photos submitted with their own
HETU (photo ID, studio, time, state), and can have the receipt e-mailed to themselves."""

from __future__ import annotations

import pytest
from django.test import Client
from factories import DraftPhotoFactory, StudioPhotographerFactory, SubmittedPhotoFactory
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
def villes_photo() -> Photo:
    studio = StudioPhotographerFactory()
    SubmittedPhotoFactory(photographer=studio, hetu=TEST_PERSONS[KALLE].hetu)
    SubmittedPhotoFactory(photographer=studio, days_ago=200, hetu=VILLE_HETU)  # too old
    DraftPhotoFactory(photographer=studio, hetu=VILLE_HETU)  # a draft
    return SubmittedPhotoFactory(photographer=studio, days_ago=3, hetu=VILLE_HETU)


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
    message = _sent_to("ville@example.fi").get()
    assert message.photo == villes_photo and message.attachment_name.endswith(".pdf")
    assert AuditEvent.objects.filter(action="mine.resend").count() == 1


def test_another_persons_photo_cannot_be_resent(client: Client, villes_photo) -> None:
    identify(client, KALLE)
    url = f"/photos/mine/{villes_photo.photo_id}/resend/"
    assert client.post(url, {"email": "kalle@example.fi"}).status_code == 404
    assert not _sent_to("kalle@example.fi")


def test_resends_are_limited(client: Client, villes_photo) -> None:
    identify(client, VILLE)
    url = f"/photos/mine/{villes_photo.photo_id}/resend/"
    for _ in range(6):
        client.post(url, {"email": "ville@example.fi"})
    assert len(_sent_to("ville@example.fi")) == 5


def test_a_bad_address_is_refused_clearly(client: Client, villes_photo) -> None:
    identify(client, VILLE)
    url = f"/photos/mine/{villes_photo.photo_id}/resend/"
    response = client.post(url, {"email": "not an address"}, follow=True)
    assert response.status_code == 200 and "kelvollinen" in response.content.decode()
    assert not _sent_to("not an address", photo=villes_photo)


# --- a guardian adds a minor dependant's photos through e-Authorizations (HPA) ---------------

CHILD_HETU = "150615A928A"  # Pia's son Pekka in the fake e-Authorizations' demo data


def add_dependant(client: Client) -> None:
    """Through the e-Authorizations selection page, choosing the first person offered."""
    import re
    from urllib.parse import parse_qs, urlsplit

    to_selection = client.post("/photos/mine/dependants/")
    url = to_selection["Location"]
    assert urlsplit(url).path == "/fake-valtuudet/oauth/authorize"
    page = client.get(url.removeprefix("http://testserver")).content.decode()
    assert re.search(r'name="person" value="0"', page)
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    back = client.post("/fake-valtuudet/oauth/authorize", {**params, "person": "0"})
    assert urlsplit(back["Location"]).path == "/photos/mine/dependants/back/"
    client.get(back["Location"].removeprefix("http://testserver"))


def test_a_guardian_sees_their_childs_photo_too(
    client: Client,
    valtuudet_back_channel,
) -> None:
    from webtools import PIA

    studio = StudioPhotographerFactory()
    own = SubmittedPhotoFactory(photographer=studio, hetu=TEST_PERSONS[PIA].hetu)
    childs = SubmittedPhotoFactory(photographer=studio, hetu=CHILD_HETU)
    identify(client, PIA)
    before = client.get("/photos/mine/").content.decode()
    assert display(own.photo_id) in before and display(childs.photo_id) not in before
    add_dependant(client)
    after = client.get("/photos/mine/").content.decode()
    assert display(childs.photo_id) in after and "Pekka Pikkarainen" in after
    assert CHILD_HETU not in str(dict(client.session))
    event = AuditEvent.objects.get(action="authorizations.hpa")
    assert event.query["allowed"] == 1 and CHILD_HETU not in str(event.query)
    # The guardian may have the child's receipt sent to themselves.
    url = f"/photos/mine/{childs.photo_id}/resend/"
    client.post(url, {"email": "pia@example.fi"})
    assert _sent_to("pia@example.fi", photo=childs)


def test_a_refused_authorization_adds_nothing_and_says_only_that(
    client: Client,
    valtuudet_back_channel,
    monkeypatch,
) -> None:
    from webtools import PIA

    from luppa.integrations.valtuudet import WebApiClient

    childs = SubmittedPhotoFactory(photographer=StudioPhotographerFactory(), hetu=CHILD_HETU)
    monkeypatch.setattr(WebApiClient, "authorized", lambda *args: False)
    identify(client, PIA)
    add_dependant(client)
    page = client.get("/photos/mine/").content.decode()
    assert display(childs.photo_id) not in page
    assert "ei sallinut" in page


def test_an_adult_dependant_is_refused_and_told_only_that(client: Client, monkeypatch) -> None:
    from webtools import PIA

    from luppa.integrations import fake_valtuudet

    adult = "010180-9004"  # born 1980: not a minor, whatever the mandate says
    monkeypatch.setitem(fake_valtuudet.DEPENDANTS, TEST_PERSONS[PIA].hetu, [(adult, "Aikuinen")])
    photo = SubmittedPhotoFactory(photographer=StudioPhotographerFactory(), hetu=adult)
    identify(client, PIA)
    add_dependant(client)
    page = client.get("/photos/mine/").content.decode()
    assert display(photo.photo_id) not in page and "Aikuinen" not in page
    assert "ei sallinut" in page


class _Sent(list):
    def get(self) -> Message:
        assert len(self) == 1, self
        return self[0]


def _sent_to(recipient: str, **filters) -> _Sent:
    """Messages to `recipient`: the address is encrypted at rest, so it is compared in Python."""
    return _Sent(m for m in Message.objects.filter(**filters) if m.recipient == recipient)
