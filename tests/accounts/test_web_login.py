"""After identification: acting for oneself or a company (the SAML flow is in test_saml.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from webtools import KALLE, KUVAAMO, LIISA, PIA, VILLE, act_for, grant, identify, login

from luppa.accounts.models import Account, AccountAccess

pytestmark = pytest.mark.django_db


def test_private_account_is_opened_at_first_login(client: Client) -> None:
    login(client, PIA)
    account = Account.objects.get()
    assert account.kind == "person" and account.name == "Pia Pikkarainen"
    # A named photographer exists at once, so the first photo can be taken.
    assert [p.name for p in account.photographers.all()] == ["Pia Pikkarainen"]
    page = client.get("/")
    assert page.status_code == 200 and "Pia Pikkarainen" in page.content.decode()


def test_main_representative_opens_company_account_and_employee_joins(client: Client) -> None:
    grant(KALLE, main=True)
    grant(LIISA)
    identify(client, KALLE)
    response = act_for(client, KUVAAMO)  # through the e-Authorizations selection page
    assert response["Location"] == f"/login/company/{KUVAAMO}/"
    client.post(response["Location"], {"studio_name": "Kuvaamo Keskusta", "contact_person": "K"})
    company = Account.objects.get(business_id=KUVAAMO)
    assert company.studio_name == "Kuvaamo Keskusta"

    employee = Client()
    login(employee, LIISA, KUVAAMO)
    assert employee.get("/").status_code == 200
    assert AccountAccess.objects.filter(account=company, basis="mandate").count() == 1


def test_employee_cannot_open_the_company_account(client: Client) -> None:
    grant(LIISA)
    identify(client, LIISA)
    response = act_for(client, KUVAAMO)
    assert response["Location"] == "/login/choose/"
    assert not Account.objects.filter(business_id=KUVAAMO).exists()
    assert "pääedustajan" in client.get("/login/choose/").content.decode()
    # Nor by going to the opening page directly.
    client.post(f"/login/company/{KUVAAMO}/", {"studio_name": "X", "contact_person": "L"})
    assert not Account.objects.filter(business_id=KUVAAMO).exists()


def test_a_company_without_mandate_is_refused_without_saying_why(client: Client) -> None:
    identify(client, VILLE)
    response = act_for(client, KUVAAMO)  # nothing to choose: back without a code
    assert response["Location"] == "/login/choose/"
    text = client.get("/login/choose/").content.decode()
    assert "ei sallinut" in text
    assert not Account.objects.filter(business_id=KUVAAMO).exists()


def test_pages_need_login(client: Client) -> None:
    assert client.get("/photos/sent/")["Location"].startswith("/login/")


def test_the_company_flow_speaks_to_e_authorizations_and_is_audited(client: Client) -> None:
    from luppa.audit.models import AuditEvent
    from luppa.integrations.identification import TEST_PERSONS

    grant(KALLE, main=True)
    identify(client, KALLE)
    start = client.post("/login/choose/", {"choice": "company"})
    # To the selection page, with our client id and only an opaque user id: no HETU.
    assert "/fake-valtuudet/oauth/authorize?client_id=" in start["Location"]
    assert TEST_PERSONS[KALLE].hetu not in start["Location"]
    client.get("/login/choose/")  # a new start, the first one abandoned
    response = act_for(client, KUVAAMO)
    assert response["Location"] == f"/login/company/{KUVAAMO}/"
    events = AuditEvent.objects.filter(action__startswith="authorizations.ypa")
    chosen = events.get(action="authorizations.ypa")
    assert chosen.query["business_id"] == KUVAAMO and chosen.query["allowed"] is True
    assert TEST_PERSONS[KALLE].hetu not in str([e.query for e in events])


def test_an_eidas_user_cannot_start_the_company_flow(client: Client) -> None:
    from luppa.integrations.identification import TEST_PERSONS

    identify(client, len(TEST_PERSONS) - 1)  # Astrid: eIDAS, no HETU
    refused = client.post("/login/choose/", {"choice": "company"})
    assert refused["Location"] == "/login/choose/"
    assert "ei sallinut" in client.get("/login/choose/").content.decode()


def test_leaving_the_company_unregisters_the_session(client: Client) -> None:
    from django.core.cache import cache

    from luppa.integrations.authorizations import GRANT_KEY

    grant(KALLE, main=True)
    login(client, KALLE, KUVAAMO)
    client.post(f"/login/company/{KUVAAMO}/", {"studio_name": "K", "contact_person": "K"})
    session_id = client.session[GRANT_KEY]["session"]
    assert cache.get(f"luppa:fake-valtuudet:session:{session_id}") is not None
    client.post("/login/choose/", {"choice": "self", "confirm": "yes"})
    assert GRANT_KEY not in client.session
    assert cache.get(f"luppa:fake-valtuudet:session:{session_id}") is None
