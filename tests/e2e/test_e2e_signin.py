"""End to end in headless Chromium: the sign-ins themselves. A person signs in through the
fake Suomi.fi IdP (real SAML: signed request, signed and encrypted assertion) and signs out
with single logout; an officer signs in through the fake OpenID Connect provider, and a
colleague without a Luppa role is refused.

Skipped where /usr/bin/chromium is absent.
"""

from __future__ import annotations

import re

import pytest

sync_api = pytest.importorskip("playwright.sync_api")

from browsertools import new_page  # noqa: E402

from luppa.accounts.models import Account  # noqa: E402
from luppa.officer.models import Officer  # noqa: E402


@pytest.fixture
def page(browser):
    return new_page(browser, 1100, 900)


def test_an_eidas_user_signs_in_and_out_through_the_fake_idp(live_server, transactional_db, page):
    expect = sync_api.expect
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Tunnistaudu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Testitunnistautuminen")
    page.get_by_role("button", name="Astrid Lindqvist").click()
    page.get_by_role("button", name="Jatka palveluun").click()
    assert page.url.endswith("/login/choose/")
    # One choice (a private account, not yet opened): the chooser asks to confirm it.
    page.get_by_role("button", name="Avaa yksityinen käyttäjätili").click()
    assert Account.objects.get().name == "Astrid Lindqvist"
    # Single logout: ours at once, then the IdP's, and back to the login page.
    page.get_by_role("button", name="Kirjaudu ulos").click()
    expect(page.get_by_text("Olet kirjautunut ulos.")).to_be_visible()
    page.goto(f"{live_server.url}/photos/sent/")
    assert "/login/" in page.url


def test_an_officer_signs_in_through_the_fake_oidc_provider(live_server, transactional_db, page):
    expect = sync_api.expect
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name=re.compile("Virkailijat ja pääkäyttäjät")).click()
    page.get_by_role("button", name="Outi Lupavirkailija").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kuvahaku")
    officer = Officer.objects.get()
    assert (officer.organisation, officer.role) == ("police", "officer")
    # A colleague without a Luppa role in the organisation's directory is refused.
    page.get_by_role("button", name="Kirjaudu ulos").click()
    page.goto(f"{live_server.url}/officer/login/")
    page.get_by_role("button", name="Teppo Tavallinen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kirjautuminen epäonnistui")
    page.goto(f"{live_server.url}/officer/")
    assert "/login/" in page.url
