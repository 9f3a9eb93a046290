"""The X-Road service as gunicorn reaches it: luppa.wsgi hands /xroad/ to a lean handler
without the browser middleware (luppa/ops/machine.py). Access control, the audit record,
the request id and X-Road's errors hold there as through the whole stack."""

from __future__ import annotations

import time

import psycopg
import pytest
from django.db import connection
from django.test import Client
from webtools import PIA, force_login_private, wsgi_call

from luppa.accounts.models import Account
from luppa.audit.chain import verify
from luppa.audit.models import AuditEvent
from luppa.photos import services
from luppa.photos.models import Photo

pytestmark = pytest.mark.django_db

POLICE = "FI/GOV/0245437-2/lupa"
CALLER = {"HTTP_X_ROAD_CLIENT": POLICE, "HTTP_X_ROAD_USERID": "FI010170-1234"}


@pytest.fixture
def photo(client: Client, framed_biden) -> Photo:
    force_login_private(client, PIA)
    account = Account.objects.get()
    draft = services.create_draft(account, account.photographers.get(), framed_biden.jpeg, {})
    return services.submit(draft)


def test_the_image_fetch_answers_the_jpeg_audited_with_its_request_id(photo, framed_biden):
    response = wsgi_call(f"/xroad/v1/photos/{photo.photo_id}/image", **CALLER,
                         HTTP_X_ROAD_ID="m-7", HTTP_X_REQUEST_ID="lb-0123456789")  # fmt: skip
    assert response.status == 200 and response.content == framed_biden.jpeg
    assert response.headers["content-type"] == "image/jpeg"
    assert response.headers["content-length"] == str(len(framed_biden.jpeg))
    assert response.headers["cache-control"] == "private, no-store"
    assert response.headers["x-request-id"] == "lb-0123456789"
    assert response.headers["x-content-type-options"] == "nosniff"  # security middleware
    # No session, language or CSRF cookie for a machine.
    assert "set-cookie" not in response.headers and "content-language" not in response.headers
    event = AuditEvent.objects.get(action="xroad.photo.image")
    assert (event.role, event.organisation, event.xroad_client, event.xroad_id) == (
        "xroad", "police", POLICE, "m-7"
    )  # fmt: skip
    assert event.request_id == "lb-0123456789" and event.photo_ids == [photo.photo_id]
    assert event.account_id == photo.account_id
    assert list(verify()) == []


def test_a_made_request_id_is_returned_and_recorded(photo):
    response = wsgi_call(f"/xroad/v1/photos/{photo.photo_id}", **CALLER)
    assert response.status == 200 and response.json()["photo_id"] == photo.photo_id
    event = AuditEvent.objects.get(action="xroad.photo.view")
    assert len(response.headers["x-request-id"]) == 36
    assert event.request_id == response.headers["x-request-id"]


@pytest.mark.parametrize(
    ("remote_addr", "headers", "status", "type_"),
    [
        ("203.0.113.9", CALLER, 403, "Client.Forbidden"),  # not the security server
        ("127.0.0.1", {"HTTP_X_ROAD_CLIENT": "FI/COM/1234567-1/x"}, 403, "Client.Forbidden"),
        ("127.0.0.1", {}, 400, "Client.BadRequest"),  # no X-Road-Client
    ],
    ids=["foreign-source", "unknown-client", "no-client"],
)
def test_only_allowed_callers_get_the_image(photo, remote_addr, headers, status, type_):
    response = wsgi_call(f"/xroad/v1/photos/{photo.photo_id}/image",
                         remote_addr=remote_addr, **headers)  # fmt: skip
    assert response.status == status and response.json()["type"] == type_
    assert response.headers["content-type"] == "application/json"
    assert not AuditEvent.objects.filter(action="xroad.photo.image").exists()


def test_unknown_photos_and_paths_get_xroad_errors(photo):
    missing = wsgi_call("/xroad/v1/photos/ABCDEFGHJK/image", **CALLER)
    assert missing.status in (400, 404) and missing.json()["type"].startswith("Client.")
    assert wsgi_call("/xroad/v2/anything", **CALLER).json()["type"] == "Client.NotFound"
    assert wsgi_call(f"/xroad/v1/photos/{photo.photo_id}/image", "DELETE", **CALLER).status == 405


def test_pages_still_get_the_browser_middleware():
    response = wsgi_call("/studios/")
    assert response.status == 200
    assert "content-security-policy" in response.headers
    assert response.headers["content-language"] == "fi"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend's check")
@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_dropped_is_replaced_before_the_next_request(photo):
    connection.ensure_connection()
    assert connection.quiet()  # an idle live connection: no SELECT 1 needed
    pid = connection.connection.info.backend_pid
    dsn = connection.connection.info.dsn
    with psycopg.connect(dsn, password=connection.settings_dict["PASSWORD"] or None) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    deadline = time.monotonic() + 5
    while connection.quiet() and time.monotonic() < deadline:
        time.sleep(0.05)
    response = wsgi_call(f"/xroad/v1/photos/{photo.photo_id}/image", keep_connection=False,
                         **CALLER)  # fmt: skip
    assert response.status == 200  # on a new connection, not a 500
