"""The receipt to the customer's Suomi.fi mailbox: the Messages REST client against the
local fake serving the same API, through the outbox and its worker."""

from __future__ import annotations

import json

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from factories import StudioPhotographerFactory, SubmittedPhotoFactory
from webtools import PIA, VILLE, ClientReply

from luppa.integrations import viestit
from luppa.integrations.identification import TEST_PERSONS
from luppa.outbox import worker
from luppa.outbox.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def service(settings, tmp_path, monkeypatch):
    """The channel switched on, the fake's records in tmp_path, HTTP served in-process."""
    from django.core.cache import cache

    cache.clear()
    settings.MESSAGES_BACKEND = "luppa.integrations.viestit.SuomiFiMessagesClient"
    settings.MESSAGES_URL = "http://testserver/fake-viestit"
    settings.MESSAGES_FAKE_DIR = tmp_path / "viestit"
    server = Client()

    def post(url, headers=None, files=None, **kw):
        path = url.removeprefix("http://testserver")
        extra = {"HTTP_AUTHORIZATION": headers["Authorization"]} if headers else {}
        if files is not None:
            name, data, kind = files["file"]
            reply = server.post(path, {"file": SimpleUploadedFile(name, data, kind)}, **extra)
        else:
            body = json.dumps(kw.get("json"))
            reply = server.post(path, body, content_type="application/json", **extra)
        return ClientReply(reply)

    monkeypatch.setattr(requests, "post", post)
    return settings.MESSAGES_FAKE_DIR


def received(folder) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]


def test_the_receipt_reaches_the_mailbox_once(service) -> None:
    hetu = TEST_PERSONS[PIA].hetu
    photo = SubmittedPhotoFactory(photographer=StudioPhotographerFactory(), hetu=hetu)
    message = Message.objects.get(photo=photo, channel="suomifi")
    assert hetu not in message.recipient + message.body
    assert worker.deliver_due()["sent"] == 1
    (got,) = received(service)
    assert got["recipient"] == {"id": hetu}
    assert got["externalId"] == f"luppa-receipt-{message.pk}"
    assert got["electronic"]["files"] and "Kuvakuitti" in got["electronic"]["title"]
    # A retry after a lost answer uses the same key: the service refuses a second copy.
    client = viestit.SuomiFiMessagesClient()
    again = client.send(got["externalId"], hetu, "x", "y", "kuitti.pdf", b"%PDF-1.4")
    assert again == got["externalId"] and len(received(service)) == 1


def test_without_a_mailbox_the_channel_gives_up_at_once(service) -> None:
    photo = SubmittedPhotoFactory(
        photographer=StudioPhotographerFactory(), hetu=TEST_PERSONS[VILLE].hetu
    )
    assert worker.deliver_due() == {"sent": 0, "retry": 0, "failed": 1}
    message = Message.objects.get(photo=photo, channel="suomifi")
    assert message.status == "failed" and message.last_error == "NoMailbox"
    assert received(service) == []


def test_no_hetu_no_mailbox_message() -> None:
    SubmittedPhotoFactory(photographer=StudioPhotographerFactory())
    assert not Message.objects.filter(channel="suomifi").exists()


def test_the_channel_is_off_unless_configured(settings) -> None:
    settings.MESSAGES_BACKEND = ""
    SubmittedPhotoFactory(photographer=StudioPhotographerFactory(), hetu=TEST_PERSONS[PIA].hetu)
    assert not Message.objects.filter(channel="suomifi").exists()


def test_an_expired_token_is_renewed_once(service) -> None:
    from django.core.cache import cache

    cache.set(viestit.TOKEN_CACHE_KEY, "stale", 60)
    client = viestit.SuomiFiMessagesClient()
    assert client.has_mailbox(TEST_PERSONS[PIA].hetu)
    assert not client.has_mailbox(TEST_PERSONS[VILLE].hetu)


def test_a_wrong_password_is_an_error_to_retry(settings, service, monkeypatch) -> None:
    from types import SimpleNamespace

    # The client's copy of the settings only: the fake still expects the right password.
    names = ("MESSAGES_URL", "MESSAGES_USERNAME", "MESSAGES_SERVICE_ID")
    client_settings = SimpleNamespace(**{n: getattr(settings, n) for n in names})
    client_settings.MESSAGES_PASSWORD = "wrong"
    monkeypatch.setattr(viestit, "settings", client_settings)
    with pytest.raises(viestit.MessagesError):
        viestit.SuomiFiMessagesClient().has_mailbox(TEST_PERSONS[PIA].hetu)
