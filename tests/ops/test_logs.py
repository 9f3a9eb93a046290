"""The logs of a whole flow: JSON lines, a request id on each request's lines, and never a
HETU, name, phone number or e-mail address.

The flow: a photographer logs in, uploads a photo with the customer's names and HETU, walks
the guided steps, submits with receipt e-mail and phone; the worker delivers the receipts
(and fails once); the studio API searches by name; an officer searches by HETU and by name,
opens the photo and rejects it.
"""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.core.management import call_command
from django.test import Client
from webtools import OUTI, PIA, force_login_officer, force_login_private

from luppa.accounts.models import Account, ApiKey
from luppa.decree.sections import STEPS
from luppa.integrations.identification import TEST_PERSONS
from luppa.ops.logs import formatter, scrub_text
from luppa.photos.models import Photo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("worker_keeps_test_connection")]

HETU = "131052-308T"
FIRST, SURNAME = "Maijaliisa", "Meikäläinen"
EMAIL, PHONE, PHONE_E164 = "maijaliisa.asiakas@example.fi", "040 765 4321", "+358407654321"
SECRETS = [HETU, FIRST, SURNAME, EMAIL, PHONE, PHONE_E164, "7654321"]
SECRETS += [p.hetu for p in TEST_PERSONS if p.hetu] + [
    p.last_name for p in TEST_PERSONS if p.last_name
]


@pytest.fixture
def captured():
    """Every log line of the test as the production JSON formatter writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.config.DictConfigurator({}).configure_formatter(formatter(True)))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def _flow(client: Client, jpeg: bytes) -> None:
    force_login_private(client, PIA)
    account = Account.objects.get(pk=client.session["luppa_account_id"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/photos/new/",
        {
            "first_names": FIRST,
            "surname": SURNAME,
            "hetu": HETU,
            "consent": "on",
            "photographer": account.photographers.get().pk,
            "image": SimpleUploadedFile("kuva.jpg", jpeg, content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    photo = Photo.objects.get()
    for step in STEPS:
        client.post(
            f"/photos/draft/{photo.pk}/step/{step.number}/",
            {"ticks": step.requirement_keys, "confirm": "on"},  # against failed results too
        )
    response = client.post(
        f"/photos/draft/{photo.pk}/submit/", {"receipt_email": EMAIL, "receipt_phone": PHONE}
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    client.get(f"/photos/sent/?surname={SURNAME}&birth_date=131052")
    # A wrong e-mail typed into the form is refused: the error is not logged with the value.
    client.post(f"/photos/draft/{photo.pk}/submit/", {"receipt_email": "x@[127.0.0.1]"})

    # The worker: the mail server is down once, then delivers.
    from luppa.outbox import worker

    real_send = worker._send
    worker._send = lambda message: (_ for _ in ()).throw(ConnectionRefusedError(EMAIL))
    try:
        call_command("worker", "--batch", "--no-schedule", "--interval", "0")
    finally:
        worker._send = real_send
    from django_tasks_db.models import DBTaskResult

    from luppa.outbox.models import Message

    # An hour later: the retries are due.
    Message.objects.update(next_attempt_at=photo.submitted_at)
    DBTaskResult.objects.filter(status="READY").update(run_after=photo.submitted_at)
    call_command("worker", "--batch", "--no-schedule", "--interval", "0")

    # The studio API searches by name and birth date.
    _key, secret = ApiKey.issue(account, "studio")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get(f"/api/v1/photos?surname={SURNAME}&first_name={FIRST}").status_code == 200
    assert api.get("/api/v1/photos?photographer=%00").status_code == 400

    # An officer finds it by HETU and by name, opens it and rejects it.
    officer = Client()
    force_login_officer(officer, OUTI)
    officer.post("/officer/search/", {"by": "hetu", "hetu-hetu": HETU})
    officer.post(
        "/officer/search/",
        {"by": "details", "details-surname": SURNAME, "details-first_name": FIRST},
    )
    officer.get(f"/officer/photos/{photo.photo_id}/")
    officer.post(
        f"/officer/photos/{photo.photo_id}/decide/",
        {"permit_type": "passport", "seen": "", "outcome": "rejected", "message": FIRST},
    )


def test_a_full_flow_logs_no_personal_data(client: Client, framed_biden, captured):
    _flow(client, framed_biden.jpeg)
    text = captured.getvalue()
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) > 30
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), f"{secret!r} reached the log"
    assert "%00" not in text and "\\u0000" not in text
    requests = [line for line in lines if line.get("event") == "request_finished"]
    assert requests and all(len(line["request_id"]) == 36 for line in requests)
    # The request line never carries the query string, where search terms travel.
    assert all("?" not in line["request"] for line in requests)
    # Lines written inside a request carry its id (the receipt failure, the audit, ...).
    started = [line for line in lines if line.get("event") == "request_started"]
    assert {line["request_id"] for line in started} == {line["request_id"] for line in requests}
    assert any(line.get("event") == "outbox message sent" for line in lines)


def test_the_request_id_in_the_header_is_the_one_in_the_log(client: Client, captured):
    response = client.get("/studios/", HTTP_X_REQUEST_ID="lb-0123456789")
    assert response["X-Request-ID"] == "lb-0123456789"
    lines = [json.loads(line) for line in captured.getvalue().splitlines()]
    finished = [line for line in lines if line.get("event") == "request_finished"]
    assert [line["request_id"] for line in finished] == ["lb-0123456789"]


@pytest.mark.parametrize(
    "text",
    [
        "user 131052-308T logged in",
        "mail to maija@example.fi failed",
        "sms to +358 40 765 4321 failed",
        "sms to 0407654321 failed",
        "GET /photos/sent/?surname=Meikäläinen",
        "mail to x@[127.0.0.1]",
    ],
)
def test_the_scrubber_masks_what_code_should_never_log(text):
    masked = scrub_text(text)
    for secret in ("131052-308T", "maija@example.fi", "765", "Meikäläinen", "127.0.0.1"):
        assert secret not in masked


def test_the_console_handler_writes_to_the_stderr_of_the_moment(monkeypatch):
    """Logging is configured again by every `luppa` command; a line logged after stderr was
    swapped (and the old stream closed) must reach the new stream, not fail."""
    from luppa.ops.logs import StderrHandler

    handler = StderrHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    old, new = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stderr", old)
    handler.emit(logging.makeLogRecord({"msg": "first"}))
    old.close()
    monkeypatch.setattr("sys.stderr", new)
    handler.emit(logging.makeLogRecord({"msg": "second"}))
    assert new.getvalue() == "second\n"
