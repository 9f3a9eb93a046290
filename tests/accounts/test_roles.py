"""Officers never see the photographer's pages; photographers never reach officer URLs."""

from __future__ import annotations

import pytest
from django.test import Client
from webtools import AILA, PIA, login, login_officer

from luppa.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PHOTOGRAPHER_PAGES = ["/", "/photos/new/", "/photos/sent/", "/details/"]
OFFICER_PAGES = ["/officer/"]


def test_an_officer_cannot_open_photographer_pages(client: Client) -> None:
    login_officer(client)
    assert client.get("/officer/").status_code == 200
    for url in PHOTOGRAPHER_PAGES[1:]:
        assert client.get(url).status_code == 403, url


def test_a_photographer_cannot_reach_officer_pages(client: Client) -> None:
    login(client, PIA)
    for url in OFFICER_PAGES:
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_login(client: Client) -> None:
    assert client.get("/officer/")["Location"].startswith("/login/")


def test_entering_the_officer_role_is_audited(client: Client) -> None:
    officer = login_officer(client, AILA, role="admin")
    event = AuditEvent.objects.get(action="officer.login")
    assert event.actor == officer.user
    assert event.query == {"organisation": "police", "role": "admin"}


def test_a_person_without_an_officer_role_cannot_choose_it(client: Client) -> None:
    from webtools import identify

    identify(client, PIA)
    response = client.post("/login/choose/", {"choice": "officer"}, follow=True)
    assert "ei sallinut" in response.content.decode()


def test_the_chooser_still_takes_the_officer_choice_by_its_old_value(client: Client) -> None:
    """A chooser page left open over the deploy still sent "staff" for the officer role."""
    from webtools import OUTI, identify, make_officer

    make_officer(OUTI)
    identify(client, OUTI)
    assert 'value="officer"' in client.get("/login/choose/").content.decode()
    response = client.post("/login/choose/", {"choice": "staff"})
    assert response["Location"] == "/officer/"
    assert client.get("/officer/").status_code == 200
