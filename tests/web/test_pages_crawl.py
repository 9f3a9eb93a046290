"""Every page, for every role, in every language: no server error, no link that leads its own
user to a 403 or 404, and no template syntax shown as text (defects 1 and 2 of issue 7)."""

from __future__ import annotations

import pytest
from crawl import ROLES, crawl, summary
from django.core.management import call_command
from django.db import transaction
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> None:
    """The demo data, seeded once for this module (seeding runs the face models) inside a
    transaction rolled back after its last test. Each test runs in a savepoint of its own
    within it, as with Django's TestCase.setUpTestData, so no test sees another's changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("role", ROLES, ids=[r.name for r in ROLES])
def test_every_page_of_every_role_is_whole(demo, role, lang) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    role.log_in(client)
    result = crawl(client, role)
    assert len(result.pages) >= 3, result.pages
    assert not result.problems, summary(result.problems)


# --- issue 7, defect 2: every role's own start page, and the service's own error pages ------


@pytest.mark.parametrize(
    ("log_in", "start"),
    [
        (r.log_in, s)
        for r, s in zip(
            ROLES, ["/login/", "/", "/", "/officer/", "/officer/", "/officer/"], strict=True
        )
    ],
    ids=[r.name for r in ROLES],
)
def test_the_logo_leads_each_role_to_its_own_start_page(demo, log_in, start) -> None:
    client = Client()
    log_in(client)
    response = client.get("/", follow=True)
    assert response.status_code == 200 and response.request["PATH_INFO"] == start


@pytest.mark.parametrize(
    ("lang", "forbidden", "missing"),
    [
        ("fi", "Ei käyttöoikeutta", "Sivua ei löytynyt"),
        ("sv", "Ingen åtkomst", "Sidan hittades inte"),
        ("en", "No access", "Page not found"),
    ],
)
def test_error_pages_are_translated_and_lead_back(demo, lang, forbidden, missing) -> None:
    from webtools import OUTI, force_login_officer

    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    force_login_officer(client, OUTI)
    for url, status, title in (("/photos/new/", 403, forbidden), ("/no/such/page/", 404, missing)):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == status and title in html, url
        assert 'class="button" href="/"' in html  # a way back
        assert "Forbidden" not in html or lang == "en"


def test_a_server_error_is_the_services_own_page(demo, monkeypatch) -> None:
    from luppa.web import views

    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "_front_page", broken)
    client = Client(HTTP_ACCEPT_LANGUAGE="sv", raise_request_exception=False)
    from webtools import PIA, force_login_private

    force_login_private(client, PIA)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Ett fel uppstod i tjänsten" in html and 'href="/"' in html
    assert "boom" not in html and "Traceback" not in html
