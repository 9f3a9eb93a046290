"""Issue 7, defect 5: the account chooser says what each choice is, a company employee does
not open a private account by accident, and a single choice is taken without asking."""

from __future__ import annotations

import pytest
from django.test import Client
from webtools import (
    KUVAAMO,
    LIISA,
    OUTI,
    PIA,
    VILLE,
    grant,
    identify,
    login,
    make_officer,
    open_company,
)

from luppa.accounts.models import Account

pytestmark = pytest.mark.django_db


def test_the_officer_choice_is_described_as_officer(client: Client) -> None:
    make_officer(OUTI)
    identify(client, OUTI)
    html = client.get("/login/choose/").content.decode()
    assert "Poliisi – Lupavirkailija" in html and "Kuvien haku ja arviointi" in html
    assert "Yrityksellä ei ole vielä käyttäjätiliä" not in html


def test_an_employee_confirms_before_opening_a_private_account(client: Client) -> None:
    open_company()
    grant(LIISA)
    identify(client, LIISA)
    response = client.post("/login/choose/", {"choice": "self"})
    assert response.status_code == 200
    assert "Avaa yksityinen käyttäjätili" in response.content.decode()
    assert not Account.objects.filter(kind="person").exists()
    response = client.post("/login/choose/", {"choice": "self", "confirm": "yes"})
    assert response.status_code == 302
    assert Account.objects.filter(kind="person").count() == 1


def test_acting_for_a_company_is_offered_beside_a_new_private_account(client: Client) -> None:
    grant(LIISA)
    identify(client, LIISA)
    html = client.get("/login/choose/").content.decode()
    assert "Avaa yksityinen käyttäjätili" in html
    assert 'name="choice" value="company"' in html and "Suomi.fi-valtuuksissa" in html
    assert f'value="{KUVAAMO}"' not in html  # companies are chosen at e-Authorizations


def test_the_header_link_shows_every_choice_again(client: Client) -> None:
    login(client, PIA)
    html = client.get("/").content.decode()
    assert 'href="/login/choose/"' in html
    choices = client.get("/login/choose/").content.decode()
    assert 'name="choice" value="self"' in choices and 'value="company"' in choices


def test_a_single_existing_choice_is_taken_at_once(client: Client) -> None:
    login(client, PIA)  # opens her private account
    again = Client()
    identify(again, PIA)
    response = again.get("/login/choose/")
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_first_login_without_other_choices_confirms_the_new_account(client: Client) -> None:
    identify(client, VILLE)
    html = client.get("/login/choose/").content.decode()
    assert "Avaa yksityinen käyttäjätili" in html and "kirjaudu ulos" in html.lower()
    assert not Account.objects.exists()
