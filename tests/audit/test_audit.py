"""Every read of personal data leaves an audit record: who, what was asked, what was shown."""

from __future__ import annotations

import pytest
from django.test import Client
from webtools import PIA, force_login_private

from luppa.accounts.models import Account, ApiKey
from luppa.audit.log import term_hash
from luppa.audit.models import AuditEvent
from luppa.photos import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client: Client, framed_biden):
    force_login_private(client, PIA)
    account = Account.objects.get()
    photographer = account.photographers.get()
    draft = services.create_draft(
        account, photographer, framed_biden.jpeg, {"surname": "Meikäläinen", "hetu": "131052-308T"}
    )
    return services.submit(draft)


def test_sent_list_search_and_receipt_are_audited(client: Client, submitted) -> None:
    client.get("/photos/sent/", {"surname": "Meik"})
    client.get(f"/photos/receipt/{submitted.photo_id}/")
    events = list(AuditEvent.objects.order_by("pk"))
    actions = [e.action for e in events]
    assert actions == ["photo.upload", "photo.submit", "sent.list", "receipt.view"]
    events = events[2:]
    assert events[0].query == {"surname_hash": term_hash("meik")}
    assert events[0].photo_ids == [submitted.photo_id]
    assert all(e.actor is not None and e.account_id == submitted.account_id for e in events)


def test_a_hetu_in_an_audited_query_is_kept_only_as_a_hash(submitted) -> None:
    from luppa.audit.log import record

    event = record(None, "officer.search", query={"hetu": "131052-308T"})
    assert "131052" not in repr(event.query)
    assert len(event.query["hetu_hash"]) == 64


def test_api_reads_are_audited_with_the_key(client: Client, submitted) -> None:
    key, secret = ApiKey.issue(submitted.account, "studio")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get(f"/api/v1/photos/{submitted.photo_id}").status_code == 200
    event = AuditEvent.objects.get(action="api.photo.view")
    assert event.actor is None and event.actor_label == f"api-key {key.lookup}"
    assert event.account_id == submitted.account_id
    assert secret not in repr(event.__dict__)


def test_hostile_search_text_is_recorded_safely(client: Client, submitted) -> None:
    hostile = "\x00" + "x" * 5000
    response = client.get("/photos/sent/", {"first_name": hostile, "photo_id": hostile})
    assert response.status_code in (200, 400)
    event = AuditEvent.objects.get(action="sent.list")
    assert "\x00" not in event.query["photo_id"] and len(event.query["photo_id"]) <= 200
    # A name is never kept, only its keyed hash.
    assert len(event.query["first_name_hash"]) == 64 and "first_name" not in event.query


def test_administrative_actions_are_audited(client: Client) -> None:
    force_login_private(client, PIA)
    account = Account.objects.get()
    client.post("/details/photographers/add/", {"name": "Anna", "mode": "guided"})
    client.post("/details/api-keys/add/", {"name": "studio"})
    key = ApiKey.objects.get(account=account)
    client.post(f"/details/api-keys/{key.pk}/revoke/")
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", "query"))
    assert ("apikey.create", {"key": key.lookup}) in actions
    assert ("apikey.revoke", {"key": key.lookup}) in actions
    assert any(a == "photographer.add" for a, _q in actions)
    event = AuditEvent.objects.get(action="apikey.revoke")
    assert event.role == "photographer" and event.account_id == account.pk


def test_contact_changes_suspensions_and_personal_listings_are_audited(client: Client) -> None:
    from webtools import AILA, login_officer

    force_login_private(client, PIA)
    account = Account.objects.get()
    client.get("/details/")
    contact = {"studio_name": "Pian kuvat", "contact_person": "Pia", "phone": "0401234567",
               "email": "pia@example.fi"}  # fmt: skip
    client.post("/details/contact/", contact)
    client.get("/reports/")
    admin = Client()
    login_officer(admin, AILA, role="admin")
    admin.get("/officer/staff/")
    suspend = {"reason": "väärinkäyttö", "confirm": "on"}
    admin.post(f"/officer/accounts/{account.pk}/suspend/", suspend)
    actions = dict(AuditEvent.objects.order_by("seq").values_list("action", "query"))
    assert actions["account.details.view"] == {"account": account.pk}
    assert actions["account.contact.edit"] == {"account": account.pk}
    assert "report.account" in actions and "officer.list" in actions
    suspended = AuditEvent.objects.get(action__contains="suspend")
    assert suspended.role == "admin" and suspended.organisation == "police"
    assert "0401234567" not in str(actions) and "pia@example.fi" not in str(actions)
