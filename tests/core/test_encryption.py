"""Personal data is encrypted at rest: a database dump after a full demo flow shows no
HETU, name, birth date, phone number, e-mail address or JPEG; keys rotate while data stays
readable."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from webtools import KALLE, KUVAAMO, MIKAEL, PIA, force_login_officer, force_login_private, login

from luppa.accounts.models import Account, ApiKey, Photographer, User
from luppa.core import crypto, rekey
from luppa.core.fields import EncryptedBinaryField, EncryptedTextField
from luppa.integrations.authorizations import person_key
from luppa.integrations.identification import TEST_PERSONS
from luppa.outbox.models import Message
from luppa.outbox.worker import deliver_due
from luppa.photos import services
from luppa.photos.models import Photo, PhotoImage
from luppa.reports.models import PhotoStat
from luppa.xroad.models import AnsweredMessage

# Everything the customers of the demo flow gave, in the spellings a dump could hold.
NEEDLES = [
    # the demo seed's customers
    "131052-308T", "131052308T", "010594Y9021", "Meikäläinen", "Matti", "Virtanen", "Maija",
    "Esimerkki", "Erkki", "Korhonen", "Nieminen", "1952-10-13", "1994-05-01",
    "asiakas0@example.invalid", "example.invalid",
    # this flow's customer
    "Heikki", "Hämäläinen", "280378-123K", "280378123K", "1978-03-28", "+358401234567",
    "0401234567", "heikki.h@example.fi",
    # account holders, their contact details and named photographers
    "Kalle Kuvaamo", "info@kuvaamo.invalid", "Fredrika", "Fotografsson", "+358 40 555 0123",
    "0405550123", "fredrika@example.fi", "150381-9012", "Outi Lupavirkailija", "Mikael Migri",
    # a private account's name and receipt studio name (the demo's Pia Pikkarainen), a sole
    # trader's business name, receipt studio name, home address and suspension reason, the
    # names kept in the statistics, and the same names typed into an officer's studio search
    "Pikkarainen", "Tuulikki", "Tähtinen", "Ruusukuja",
    # an X-Road end user's id, which is a HETU (FI + HETU)
    "010170-1234",
]  # fmt: skip
SOLE_TRADER = "7654321-8"
XROAD = {"HTTP_X_ROAD_CLIENT": "FI/GOV/0245437-2/lupa", "HTTP_X_ROAD_USERID": "FI010170-1234"}
JPEG_HEADER = b"\xff\xd8\xff"
KALLE_HETU = TEST_PERSONS[KALLE].hetu


def demo_flow(jpeg: bytes) -> Photo:
    call_command("seed_demo")
    client = Client()
    force_login_private(client, PIA)
    account = Account.objects.get(kind=Account.Kind.PERSON)
    fredrika = Photographer.objects.create(account=account, name="Fredrika Fotografsson")
    account.contact_person, account.email = "Fredrika Fotografsson", "fredrika@example.fi"
    account.phone = "+358 40 555 0123"
    account.save()
    # Kuvaamo Oy's main representative signs in and makes an API key (its maker is named).
    kalle = Client()
    login(kalle, KALLE, KUVAAMO)
    company = Account.objects.get(business_id=KUVAAMO)
    ApiKey.issue(company, "kassa", created_by=User.objects.get(username=person_key(KALLE_HETU)))
    draft = services.create_draft(
        account, fredrika, jpeg,
        {"first_names": "Heikki", "surname": "Hämäläinen", "hetu": "280378-123K"},
    )  # fmt: skip
    photo = services.submit(
        draft, receipt_email="heikki.h@example.fi", receipt_phone="+358401234567"
    )
    # A sole trader's company: its business and studio names are its owner's name.
    sole = Account.objects.create(
        kind=Account.Kind.COMPANY, business_id=SOLE_TRADER, name="Toiminimi Tuulikki Tähtinen",
        studio_name="Valokuvaamo Tähtinen", street_address="Ruusukuja 7 B 12",
        postal_code="33100", post_office="Tampere",
    )  # fmt: skip
    tuulikki = Photographer.objects.create(account=sole, name="Tuulikki Tähtinen")
    services.submit(services.create_draft(sole, tuulikki, jpeg, {}))
    # An officer looks for a customer's photo by the studio's name; an administrator
    # suspends the sole trader's account, giving a reason that names her.
    officer = Client()
    force_login_officer(officer)
    found = officer.post("/officer/search/", {"by": "details", "details-studio": "tähtinen"},
                         follow=True)  # fmt: skip
    assert "Valokuvaamo Tähtinen" in found.content.decode()
    admin = Client()
    force_login_officer(admin, MIKAEL, "migri", "admin")
    suspended = admin.post(f"/officer/accounts/{sole.pk}/suspend/",
                           {"reason": "Tuulikki Tähtinen lähetti toisen kuvaamon kuvia.",
                            "confirm": "on"})  # fmt: skip
    assert suspended.status_code == 302
    # A permit application system reads the photo over X-Road for an end user, and attaches
    # it to an application (the answer is kept for retries of the same X-Road-Id).
    assert Client().get(f"/xroad/v1/photos/{photo.photo_id}", **XROAD).status_code == 200
    use = Client().post(
        f"/xroad/v1/photos/{photo.photo_id}/uses",
        json.dumps({"application_number": "PAS-2026-1", "permit_type": "passport"}),
        content_type="application/json", HTTP_X_ROAD_ID="use-1", **XROAD,
    )  # fmt: skip
    assert use.status_code == 201
    # The permit system records a rejection whose free-text message names the customer.
    decided = Client().post(
        f"/xroad/v1/photos/{photo.photo_id}/decision",
        json.dumps({"outcome": "rejected", "reasons": ["shadows"],
                    "message": "Heikki Hämäläinen: varjo kasvoissa",
                    "officer_name": "Outi Lupavirkailija", "permit_type": "passport"}),
        content_type="application/json", HTTP_X_ROAD_ID="decision-1", **XROAD,
    )  # fmt: skip
    assert decided.status_code == 201, decided.content
    deliver_due(limit=1)  # one message sent (and emptied), the rest still queued
    return photo


def jpeg_traces(jpeg: bytes) -> list[bytes]:
    """What a stored JPEG in clear would leave in a dump: its first bytes and a run from its
    middle, raw (a SQLite file), hex (pg_dump's bytea) or base64 (a text column). Three bytes
    of header alone would also turn up by chance in megabytes of ciphertext."""
    middle = jpeg[len(jpeg) // 2 : len(jpeg) // 2 + 24]
    traces = []
    for chunk in (jpeg[:24], middle):
        traces += [chunk, chunk.hex().encode(), chunk.hex().upper().encode()]
    traces.append(base64.b64encode(jpeg[:24]))
    return traces


def assert_clean(dump: bytes, jpeg: bytes) -> None:
    found = [n for n in NEEDLES if n.encode() in dump or n.lower().encode() in dump]
    assert not found, f"personal data in clear in the dump: {found}"
    assert jpeg[:3] == JPEG_HEADER
    assert not any(trace in dump for trace in jpeg_traces(jpeg)), "a JPEG in clear in the dump"


@pytest.mark.django_db(transaction=True)
def test_a_database_dump_reveals_no_personal_data(framed_biden) -> None:
    photo = demo_flow(framed_biden.jpeg)
    # The service itself still reads everything.
    photo = Photo.objects.get(pk=photo.pk)
    assert (photo.first_names, photo.surname) == ("Heikki", "Hämäläinen")
    assert Account.objects.get(kind=Account.Kind.PERSON).email == "fredrika@example.fi"
    sole = Account.objects.get(business_id=SOLE_TRADER)
    assert (sole.name, sole.street_address) == ("Toiminimi Tuulikki Tähtinen", "Ruusukuja 7 B 12")
    assert sole.suspension_reason.startswith("Tuulikki Tähtinen")
    assert {s.photographer_name for s in PhotoStat.objects.filter(account_id=sole.pk)} == {
        "Tuulikki Tähtinen"
    }
    answers = {a.message_id: a.response for a in AnsweredMessage.objects.all()}
    assert answers["use-1"]["application_number"] == "PAS-2026-1"
    assert photo.decisions.get().message == "Heikki Hämäläinen: varjo kasvoissa"
    assert ApiKey.objects.get().created_by_name == "Kalle Kuvaamo"
    assert photo.receipt_phone == "+358401234567"
    assert PhotoImage.objects.get(photo=photo).data() == framed_biden.jpeg
    assert Message.objects.filter(status="queued").exists()
    assert Message.objects.filter(status="sent", recipient="", body="").exists()
    # Sessions are in the database too, as base64 of signed JSON: decoded, they hold
    # nothing personal either (what must travel in them is encrypted).
    for session in Session.objects.all():
        decoded = json.dumps(session.get_decoded(), ensure_ascii=False)
        assert_clean(decoded.encode(), framed_biden.jpeg)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "dump.sqlite3")
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [path])
            with open(path, "rb") as dumped:
                assert_clean(dumped.read(), framed_biden.jpeg)
        text = "\n".join(connection.connection.iterdump()).encode()
        assert_clean(text, framed_biden.jpeg)
    else:
        settings = connection.settings_dict
        dump = subprocess.run(
            ["pg_dump", "--data-only", "-h", settings["HOST"] or "127.0.0.1",
             "-p", str(settings["PORT"] or 5432), "-U", settings["USER"] or "postgres",
             settings["NAME"]],
            check=True, capture_output=True, env={**os.environ,
                                                  "PGPASSWORD": settings["PASSWORD"] or ""},
        ).stdout  # fmt: skip
        assert b"photos_photo" in dump
        assert_clean(dump, framed_biden.jpeg)


@pytest.mark.django_db
def test_encrypted_names_are_still_found_by_any_part(framed_biden) -> None:
    client = Client()
    force_login_private(client, PIA)
    account = Account.objects.get()
    draft = services.create_draft(
        account, account.photographers.get(), framed_biden.jpeg,
        {"first_names": "Anna-Liisa", "surname": "Hämäläinen"},
    )  # fmt: skip
    services.submit(draft)
    for term in ("hämä", "ÄLÄ", "läinen", "h"):
        page = client.get("/photos/sent/", {"surname": term}).content.decode()
        assert "Hämäläinen" in page, term
    for term in ("virtanen", "äh", "x"):
        page = client.get("/photos/sent/", {"surname": term}).content.decode()
        assert "Hämäläinen" not in page, term


@pytest.mark.django_db
def test_keys_rotate_and_old_keys_decrypt_until_then(framed_biden, settings) -> None:
    client = Client()
    force_login_private(client, PIA)
    account = Account.objects.get()
    draft = services.create_draft(
        account, account.photographers.get(), framed_biden.jpeg,
        {"first_names": "Heikki", "hetu": "280378-123K"},
    )  # fmt: skip
    photo = services.submit(draft, receipt_email="heikki.h@example.fi")
    old = crypto.current_key_id()
    settings.DATA_KEYS = {**settings.DATA_KEYS, "2027": "a-new-master-key"}
    settings.DATA_KEY_ID = "2027"
    # Before rotation: the old key still decrypts, new values use the new key.
    assert Photo.objects.get(pk=photo.pk).first_names == "Heikki"
    assert rekey.stale_count() > 0
    call_command("rotate_keys")
    assert rekey.stale_count() == 0
    # After rotation the old key is no longer needed.
    settings.DATA_KEYS = {"2027": "a-new-master-key"}
    fresh = Photo.objects.get(pk=photo.pk)
    assert (fresh.first_names, fresh.receipt_email) == ("Heikki", "heikki.h@example.fi")
    assert PhotoImage.objects.get(photo=fresh).data() == framed_biden.jpeg
    assert crypto.decrypt(fresh.hetu_ciphertext, "hetu") == b"280378-123K"
    assert crypto.key_id(fresh.hetu_ciphertext) == "2027" != old


def test_a_value_cannot_move_to_another_purpose_or_be_altered(settings) -> None:
    token = crypto.seal(b"280378-123K", "hetu")
    assert crypto.decrypt(token, "hetu") == b"280378-123K"
    with pytest.raises(crypto.InvalidToken):
        crypto.decrypt(token, "person")
    altered = token[:-1] + bytes([token[-1] ^ 1])
    with pytest.raises(crypto.InvalidToken):
        crypto.decrypt(altered, "hetu")
    # The old API keeps working (text-safe tokens, as the login session stores them).
    assert crypto.decrypt(crypto.encrypt(b"x").decode()) == b"x"


def test_key_rotation_covers_every_encrypted_column() -> None:
    """`luppa rotate-keys` works from rekey.COLUMNS: an encrypted field missing from it would
    stay under a retired key."""
    encrypted = {
        (model._meta.db_table, field.column, field.purpose)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField | EncryptedBinaryField)
    }
    listed = {(c.table, c.column, c.purpose) for c in rekey.COLUMNS}
    assert encrypted - listed == set()
