"""The X-Road service for the permit application systems: what a permit system sees."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.test import Client
from webtools import PIA, force_login_private

from luppa.accounts.models import Account
from luppa.audit.log import term_hash
from luppa.audit.models import AuditEvent
from luppa.photos import services
from luppa.photos.models import Decision, Photo, PhotoUse

pytestmark = pytest.mark.django_db

HETU = "131052-308T"
POLICE = "FI/GOV/0245437-2/lupa"
HEADERS = {"HTTP_X_ROAD_CLIENT": POLICE, "HTTP_X_ROAD_USERID": "FI010170-1234"}


@pytest.fixture
def photo(client: Client, framed_biden) -> Photo:
    force_login_private(client, PIA)
    account = Account.objects.get()
    draft = services.create_draft(
        account, account.photographers.get(), framed_biden.jpeg,
        {"first_names": "Maija", "surname": "Meikäläinen", "hetu": HETU},
    )  # fmt: skip
    return services.submit(draft)


def xr(method: str, path: str, body: object = None, **headers: str):
    client = Client()
    extra = {**HEADERS, **headers}
    if method == "get":
        return client.get(path, **extra)
    return client.post(path, json.dumps(body), content_type="application/json", **extra)


def test_the_schema_describes_the_five_endpoints_and_the_search() -> None:
    schema = Client().get("/xroad/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/xroad/v1/photos", "/xroad/v1/photos/search", "/xroad/v1/photos/{photo_id}",
        "/xroad/v1/photos/{photo_id}/image", "/xroad/v1/photos/{photo_id}/decision",
        "/xroad/v1/photos/{photo_id}/uses",
    }  # fmt: skip


def test_a_permit_system_reads_a_photo_and_the_read_is_audited(photo: Photo) -> None:
    response = xr("get", f"/xroad/v1/photos/{photo.photo_id.lower()}", HTTP_X_ROAD_ID="m-1")
    assert response.status_code == 200
    data = response.json()
    assert data["photo_id"] == photo.photo_id and data["status"] == "pending"
    assert data["studio"] and data["photographer"] and data["decision"] is None
    assert data["uses"] == []
    assert "Meikäläinen" not in response.content.decode() and HETU not in response.content.decode()
    event = AuditEvent.objects.get(action="xroad.photo.view")
    # The end user's id holds a HETU: the trail keeps its keyed hash, which the
    # administrator's search by that HETU finds.
    assert (event.xroad_client, event.xroad_user, event.xroad_id) == (
        POLICE,
        f"FI{term_hash('010170-1234')}",
        "m-1",
    )
    assert term_hash("010170-1234") in event.term_hashes.split()
    assert (event.role, event.organisation, event.source) == ("xroad", "police", "127.0.0.1")
    assert event.photo_ids == [photo.photo_id]
    # The request id of the log lines (ops.middleware) ties the record to them.
    assert event.request_id == response["X-Request-ID"]


def test_the_image_is_the_submitted_jpeg_byte_for_byte(photo: Photo, framed_biden) -> None:
    response = xr("get", f"/xroad/v1/photos/{photo.photo_id}/image")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response.content == framed_biden.jpeg
    assert AuditEvent.objects.filter(action="xroad.photo.image").count() == 1


def test_search_by_hetu_in_a_post_body_and_the_hetu_is_kept_only_as_a_hash(photo) -> None:
    response = xr("post", "/xroad/v1/photos/search", {"hetu": HETU.lower()})
    assert response.status_code == 200
    assert [p["photo_id"] for p in response.json()["photos"]] == [photo.photo_id]
    event = AuditEvent.objects.get(action="xroad.photo.search")
    assert HETU not in json.dumps(event.query) and event.query["hetu_hash"] == term_hash(HETU)
    # The query-string form finds the same photos.
    listed = xr("get", f"/xroad/v1/photos?hetu={HETU}")
    assert [p["photo_id"] for p in listed.json()["photos"]] == [photo.photo_id]
    other = xr("post", "/xroad/v1/photos/search", {"hetu": "010101-123N"})
    assert other.status_code == 200 and other.json() == {"photos": []}


def test_photos_older_than_six_months_are_not_found(photo: Photo) -> None:
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=184)):
        assert xr("post", "/xroad/v1/photos/search", {"hetu": HETU}).json() == {"photos": []}
        assert xr("get", f"/xroad/v1/photos/{photo.photo_id}").status_code == 404
        assert xr("get", f"/xroad/v1/photos/{photo.photo_id}/image").status_code == 404


def test_the_image_query_finds_exactly_the_photos_held(photo: Photo, framed_biden) -> None:
    from luppa.officer.search import held_image, held_photos

    draft = services.create_draft(photo.account, photo.photographer, framed_biden.jpeg, {})
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=184)
    for when in (None, later):
        for candidate in (photo, draft):
            held = held_photos(when).filter(pk=candidate.pk).exists()
            assert (held_image(candidate.photo_id, when) is not None) == held
    assert held_image(photo.photo_id)[1] == photo.account_id


def test_a_decision_goes_through_the_officers_rules(photo: Photo) -> None:
    url = f"/xroad/v1/photos/{photo.photo_id}/decision"
    body = {"outcome": "rejected", "reasons": ["shadows"], "message": "Varjo kasvoissa",
            "officer_name": "Olli Virkailija", "permit_type": "passport"}  # fmt: skip
    no_user = Client().post(url, json.dumps(body), content_type="application/json",
                            HTTP_X_ROAD_CLIENT=POLICE)  # fmt: skip
    assert no_user.status_code == 400 and "X-Road-UserId" in no_user.json()["message"]
    response = xr("post", url, body)
    assert response.status_code == 201, response.content
    assert response.json()["officer"] == "Olli Virkailija"
    photo.refresh_from_db()
    # The photographer sees it at once, as with a decision on the officer's page.
    assert photo.evaluation == "rejected" and photo.latest_decision.reasons == ["shadows"]
    assert photo.latest_decision.officer_name == "Olli Virkailija"
    assert photo.feedback_seen_at is None
    decision = Decision.objects.get()
    assert decision.officer is None and decision.xroad_user == "FI010170-1234"
    assert AuditEvent.objects.get(action="xroad.decide").xroad_client == POLICE
    # A second decision needs a reason, as on the page.
    again = xr("post", url, {**body, "outcome": "approved", "reasons": []})
    assert again.status_code == 409 and again.json()["detail"] == "change_reason"


@pytest.mark.parametrize(
    ("change", "status", "detail"),
    [
        ({"permit_type": "driving_licence"}, 422, "driving_licence"),
        ({"reasons": []}, 422, "no_reason"),
        ({"outcome": "approved"}, 422, "reasons_on_approval"),
        ({"reasons": ["no_such_reason"]}, 400, None),
        ({"officer_name": ""}, 400, None),
    ],
)
def test_refused_decisions_store_nothing(photo: Photo, change, status, detail) -> None:
    body = {"outcome": "rejected", "reasons": ["shadows"], "officer_name": "O",
            "permit_type": "passport", **change}  # fmt: skip
    response = xr("post", f"/xroad/v1/photos/{photo.photo_id}/decision", body)
    assert response.status_code == status
    error = response.json()
    assert set(error) == {"type", "message", "detail"} and error["type"].startswith("Client.")
    if detail:
        assert error["detail"] == detail
    assert not Decision.objects.exists()


def test_uses_attach_the_photo_to_applications(photo: Photo) -> None:
    url = f"/xroad/v1/photos/{photo.photo_id}/uses"
    first = xr("post", url, {"application_number": "PAS-2026-1", "permit_type": "passport"})
    assert first.status_code == 201
    same = xr("post", url, {"application_number": "PAS-2026-1", "permit_type": "passport"})
    assert same.status_code == 200
    xr("post", url, {"application_number": "HK-7", "permit_type": "identity_card"})
    uses = xr("get", f"/xroad/v1/photos/{photo.photo_id}").json()["uses"]
    assert [u["application_number"] for u in uses] == ["PAS-2026-1", "HK-7"]
    refused = xr("post", url, {"application_number": "AJ-1", "permit_type": "driving_licence"})
    assert refused.status_code == 422 and PhotoUse.objects.count() == 2


def test_a_repeated_xroad_id_is_answered_idempotently(photo: Photo) -> None:
    url = f"/xroad/v1/photos/{photo.photo_id}/decision"
    body = {"outcome": "approved", "officer_name": "O", "permit_type": "passport"}
    first = xr("post", url, body, HTTP_X_ROAD_ID="msg-42")
    again = xr("post", url, body, HTTP_X_ROAD_ID="msg-42")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again["X-Road-Id-Replayed"] == "true"
    assert Decision.objects.count() == 1
    other = xr("post", url, {**body, "permit_type": "identity_card"}, HTTP_X_ROAD_ID="msg-42")
    assert other.status_code == 409 and Decision.objects.count() == 1


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"HTTP_X_ROAD_CLIENT": ""}, 400),
        ({"HTTP_X_ROAD_CLIENT": "FI/COM/1234567-8/other"}, 403),
        ({"REMOTE_ADDR": "10.1.2.3"}, 403),
        ({"HTTP_X_ROAD_ID": "\x00"}, 400),
    ],
)
def test_only_allowed_clients_through_the_security_server(photo, headers, status) -> None:
    response = xr("get", f"/xroad/v1/photos/{photo.photo_id}/image", **headers)
    assert response.status_code == status
    assert set(response.json()) == {"type", "message", "detail"}
    assert not AuditEvent.objects.filter(action="xroad.photo.image").exists()


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("get", "/xroad/v1/photos/NOT-AN-ID", None, 400),
        ("get", "/xroad/v1/photos/AAAAAAAAAA", None, 400),
        ("get", "/xroad/v1/photos", None, 400),
        ("get", "/xroad/v1/photos?hetu=123", None, 400),
        ("post", "/xroad/v1/photos/search", [1, 2], 400),
        ("post", "/xroad/v1/photos/search", "{", 400),
        ("get", "/xroad/v1/nothing", None, 404),
    ],
)
def test_bad_requests_get_xroad_errors(method, path, body, status) -> None:
    response = xr(method, path, body)
    assert response.status_code == status
    assert set(response.json()) == {"type", "message", "detail"}


def test_a_hetu_in_a_request_line_never_reaches_the_log() -> None:
    from luppa.ops.logs import scrub_text

    line = scrub_text(f'"GET /xroad/v1/photos?hetu={HETU} HTTP/1.1" 200')
    assert HETU not in line and "/xroad/v1/photos" in line
    assert "010101A123N" not in scrub_text("looked up 010101A123N")
