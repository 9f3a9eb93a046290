"""End to end in headless Chromium: acting for a company and for a child through Suomi.fi
e-Authorizations. Every sign-in goes through the fake Suomi.fi IdP (real SAML), and every
choice through the fake e-Authorizations' selection page, reached by the app's real Web API
client over HTTP (register, code for token, organizationRoles or delegate, unregister).

- Kalle, Kuvaamo Oy's main representative, opens the company's account;
- Liisa, holding the photographing mandate, signs in to it and submits a photo;
- Ville, holding nothing, is refused (and told only that);
- Pia sees her own photo's ID on My photos, and her son's after choosing him.

Skipped where /usr/bin/chromium is absent.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from django.db import connections
from factories import StudioPhotographerFactory, SubmittedPhotoFactory
from webtools import KALLE, KUVAAMO, LIISA, grant

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

from luppa.accounts.models import Account, AccountAccess, Photographer  # noqa: E402
from luppa.audit.models import AuditEvent  # noqa: E402
from luppa.core.photo_id import display  # noqa: E402
from luppa.integrations.fake_valtuudet import DEPENDANTS  # noqa: E402
from luppa.integrations.identification import TEST_PERSONS  # noqa: E402
from luppa.photos.models import Photo  # noqa: E402

PIA_HETU = TEST_PERSONS[0].hetu
CHILD_HETU, CHILD_NAME = DEPENDANTS[PIA_HETU][0]
SHOTS = Path(os.environ.get("LUPPA_SCREENSHOTS", tempfile.gettempdir()))


@pytest.fixture
def page():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="fi-FI")
            tab = context.new_page()
            tab.set_default_timeout(20_000)
            yield tab
        finally:
            browser.close()
            connections.close_all()


def sign_in(page, url: str, name: str) -> None:
    """Through the fake Suomi.fi IdP, as the test person called `name`."""
    page.context.clear_cookies()
    page.goto(f"{url}/login/")
    page.get_by_role("button", name="Tunnistaudu").click()
    page.get_by_role("button", name=name).click()
    page.get_by_role("button", name="Jatka palveluun").click()
    assert page.url.endswith("/login/choose/")


def choose_company(page, shot: str = "") -> None:
    """From the chooser to the e-Authorizations selection page."""
    if shot:
        page.screenshot(path=str(SHOTS / f"luppa-{shot}-chooser.png"), full_page=True)
    page.get_by_role("button", name="Yrityksen puolesta").click()
    expect = sync_api.expect
    expect(page.get_by_role("heading", level=1)).to_have_text("Valitse, kenen puolesta asioit")
    assert "/fake-valtuudet/oauth/authorize" in page.url
    if shot:
        page.screenshot(path=str(SHOTS / f"luppa-{shot}-selection.png"), full_page=True)


def open_company(page, url: str) -> Account:
    expect = sync_api.expect
    sign_in(page, url, "Kalle Kuvaamo")
    choose_company(page, "representative")
    page.get_by_role("button", name=f"Kuvaamo Oy ({KUVAAMO})").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avaa käyttäjätili: Kuvaamo Oy")
    page.get_by_label("Kuvakuitissa näkyvä studion nimi").fill("Kuvaamo Keskusta")
    page.get_by_label("Yhteyshenkilö").fill("Kalle Kuvaamo")
    page.get_by_role("button", name="Avaa käyttäjätili").click()
    expect(page.get_by_text("Yrityksen käyttäjätili on avattu.")).to_be_visible()
    return Account.objects.get(business_id=KUVAAMO)


def test_a_representative_opens_the_account_and_an_employee_submits(
    live_server, transactional_db, page, framed_biden, tmp_path
) -> None:
    expect = sync_api.expect
    grant(KALLE, main=True)
    grant(LIISA)
    company = open_company(page, live_server.url)
    assert company.studio_name == "Kuvaamo Keskusta" and company.name == "Kuvaamo Oy"
    assert AccountAccess.objects.filter(account=company, basis="main_representative").exists()
    # Advanced mode: the summary page instead of the guided steps (tested elsewhere).
    Photographer.objects.create(account=company, name="Liisa Laine", mode="advanced")

    # Liisa, holding the photographing mandate, signs in to the company's account.
    sign_in(page, live_server.url, "Liisa Laine")
    choose_company(page)
    page.get_by_role("button", name=f"Kuvaamo Oy ({KUVAAMO})").click()
    expect(page.locator(".who")).to_contain_text("Kuvaamo Oy")
    assert AccountAccess.objects.filter(account=company, basis="mandate").count() == 1

    photo_file = tmp_path / "kuva.jpg"
    photo_file.write_bytes(framed_biden.jpeg)
    page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Uusi kuva").click()
    page.get_by_label("Etunimet").fill("Maija")
    page.get_by_label("Sukunimi").fill("Meikäläinen")
    page.get_by_label("Kuvaaja").select_option(label="Liisa Laine")
    page.get_by_label("Kuvatiedosto", exact=False).set_input_files(photo_file)
    page.get_by_label("suostumuksen", exact=False).check()
    page.get_by_role("button", name="Seuraava").click()
    page.get_by_label("Asiakkaan sähköpostiosoite").fill("maija@example.fi")
    page.get_by_role("button", name="Lähetä kuva").click()
    photo = Photo.objects.get()
    expect(page.locator("#photo-id")).to_have_text(display(photo.photo_id))
    assert photo.state == Photo.State.SUBMITTED and photo.account == company
    # The mandate was read again from e-Authorizations before the submission.
    assert AuditEvent.objects.filter(action="authorizations.recheck", query__holds=True).exists()


def test_a_person_without_the_mandate_is_refused_and_told_only_that(
    live_server, transactional_db, page
) -> None:
    expect = sync_api.expect
    grant(KALLE, main=True)
    open_company(page, live_server.url)
    sign_in(page, live_server.url, "Ville Virtanen")
    choose_company(page, "no-mandate")
    nothing = "Sinulla ei ole valtuuksia asioida yritysten puolesta."
    expect(page.get_by_text(nothing)).to_be_visible()
    page.get_by_role("link", name="Peruuta ja palaa asiointipalveluun").click()
    assert page.url.endswith("/login/choose/")
    expect(page.get_by_role("alert")).to_have_text("Valtuutuksen tarkistus ei sallinut valintaa.")
    page.screenshot(path=str(SHOTS / "luppa-refused.png"), full_page=True)
    assert not AccountAccess.objects.filter(account__business_id=KUVAAMO, basis="mandate")
    page.goto(f"{live_server.url}/photos/new/")
    assert "/photos/new/" not in page.url  # no account to act in


def test_a_citizen_sees_their_own_and_their_childs_photo_id(
    live_server, transactional_db, page
) -> None:
    expect = sync_api.expect
    studio = StudioPhotographerFactory()
    own = SubmittedPhotoFactory(photographer=studio, days_ago=2, hetu=PIA_HETU)
    childs = SubmittedPhotoFactory(photographer=studio, days_ago=1, hetu=CHILD_HETU)
    sign_in(page, live_server.url, "Pia Pikkarainen")
    page.get_by_role("link", name="Omat kuvani").click()
    expect(page.get_by_text(display(own.photo_id))).to_be_visible()
    assert display(childs.photo_id) not in page.content()
    # Through e-Authorizations (HPA): Pia chooses her son on the selection page.
    page.get_by_role("button", name="huollettava", exact=False).click()
    page.get_by_role("button", name=CHILD_NAME).click()
    expect(page.get_by_text(display(childs.photo_id))).to_be_visible()
    expect(page.get_by_text(display(own.photo_id))).to_be_visible()
    assert PIA_HETU not in page.content() and CHILD_HETU not in page.content()
