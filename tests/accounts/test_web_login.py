"""After identification: acting for oneself or a company (the SAML flow is in test_saml.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from webtools import KALLE, KUVAAMO, LIISA, PIA, VILLE, grant, identify, login

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
    response = client.post("/login/choose/", {"choice": KUVAAMO})
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
    response = client.post("/login/choose/", {"choice": KUVAAMO}, follow=True)
    assert not Account.objects.filter(business_id=KUVAAMO).exists()
    assert "pääedustajan" in response.content.decode()


def test_a_company_without_mandate_is_refused_without_saying_why(client: Client) -> None:
    identify(client, VILLE)
    response = client.post("/login/choose/", {"choice": KUVAAMO}, follow=True)
    text = response.content.decode()
    assert "ei sallinut" in text
    assert not Account.objects.filter(business_id=KUVAAMO).exists()


def test_pages_need_login(client: Client) -> None:
    assert client.get("/photos/sent/")["Location"].startswith("/login/")
