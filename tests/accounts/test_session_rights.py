"""A session's rights do not outlive the mandate they rest on, nor a pause in use.

An outside probe once created a draft and an API key in a company account after the
mandate had been revoked, because the mandate was checked only at login. Now it is re-checked
before every change and at least every 15 minutes, and an idle session ends.
"""

from __future__ import annotations

import time

import pytest
from django.test import Client
from webtools import KALLE, KUVAAMO, LIISA, grant, login, open_company

from luppa.accounts.models import ApiKey
from luppa.audit.models import AuditEvent
from luppa.integrations.identification import TEST_PERSONS
from luppa.integrations.models import FakeMandate

pytestmark = pytest.mark.django_db


@pytest.fixture
def employee() -> Client:
    open_company()
    grant(LIISA)
    client = Client()
    login(client, LIISA, KUVAAMO)
    assert client.get("/details/").status_code == 200
    return client


def later(monkeypatch, seconds: int) -> None:
    now = time.time() + seconds
    monkeypatch.setattr(time, "time", lambda: now)


def revoke(person: int) -> None:
    from luppa.integrations.authorizations import person_key

    FakeMandate.objects.filter(person_key=person_key(TEST_PERSONS[person].hetu)).delete()


def test_a_revoked_mandate_stops_the_next_change_at_once(employee: Client) -> None:
    revoke(LIISA)
    response = employee.post("/details/api-keys/add/", {"name": "kassa"})
    assert response.status_code == 302 and response["Location"] == "/login/choose/"
    assert not ApiKey.objects.exists()
    page = employee.get("/login/choose/").content.decode()
    assert "ei sallinut" in page  # refused, never why
    assert employee.get("/details/")["Location"] == "/login/choose/"


def test_reading_is_rechecked_at_most_every_15_minutes(employee: Client, monkeypatch) -> None:
    revoke(LIISA)
    assert employee.get("/details/").status_code == 200  # checked a moment ago
    later(monkeypatch, 15 * 60 + 1)
    assert employee.get("/details/")["Location"] == "/login/choose/"


def test_a_mandate_that_still_holds_keeps_working_and_each_check_is_audited(
    employee: Client,
) -> None:
    assert employee.post("/details/api-keys/add/", {"name": "kassa"}).status_code == 200
    events = AuditEvent.objects.filter(action="authorizations.recheck")
    assert events.count() >= 1
    event = events.last()
    assert event.query["business_id"] == KUVAAMO and event.query["holds"] is True
    assert TEST_PERSONS[LIISA].hetu not in str(event.query)


def test_the_main_representative_is_rechecked_too(monkeypatch) -> None:
    client, _account = open_company()
    revoke(KALLE)
    assert client.post("/details/contact/", {"studio_name": "X"})["Location"] == "/login/choose/"


def test_an_idle_session_ends(employee: Client, monkeypatch) -> None:
    later(monkeypatch, 31 * 60)
    response = employee.get("/details/")
    assert response["Location"] == "/login/"
    assert "_auth_user_id" not in employee.session


def test_a_session_in_use_does_not_go_idle(employee: Client, monkeypatch) -> None:
    start = time.time()
    for minutes in (20, 40, 60):
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        assert employee.get("/details/").status_code == 200


def test_the_recheck_reads_the_roles_again_and_a_refusal_unregisters(
    employee: Client, monkeypatch
) -> None:
    from django.core.cache import cache

    from luppa.integrations.authorizations import GRANT_KEY
    from luppa.integrations.valtuudet import WebApiClient

    calls = []
    real = WebApiClient.organization_roles
    monkeypatch.setattr(WebApiClient, "organization_roles",
                        lambda self, *a: calls.append(a) or real(self, *a))  # fmt: skip
    session_id = employee.session[GRANT_KEY]["session"]
    assert employee.post("/details/api-keys/add/", {"name": "kassa"}).status_code == 200
    assert len(calls) == 1 and calls[0][0] == session_id  # in the session kept since login
    revoke(LIISA)
    employee.post("/details/api-keys/add/", {"name": "toinen"})
    assert GRANT_KEY not in employee.session
    assert cache.get(f"luppa:fake-valtuudet:session:{session_id}") is None  # unregistered
    assert ApiKey.objects.count() == 1


def test_an_unreachable_service_ends_the_rights_too(employee: Client, monkeypatch) -> None:
    from luppa.integrations.valtuudet import ValtuudetError, WebApiClient

    def down(self, *args):
        raise ValtuudetError("down")

    monkeypatch.setattr(WebApiClient, "organization_roles", down)
    response = employee.post("/details/contact/", {"studio_name": "X"})
    assert response["Location"] == "/login/choose/"
