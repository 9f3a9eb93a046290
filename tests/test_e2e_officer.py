"""End to end in headless Chromium: an officer finds a photo by HETU and rejects it; the
photographer then sees the rejection, and the statistics count it.

Skipped where /usr/bin/chromium is absent. Screenshots of the officer's pages are left in
the temporary folder (LUPPA_SCREENSHOTS overrides it) for a human to look at.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in this thread; Django's ORM (used by the
# live server's fixtures and the assertions) refuses to run there unless allowed.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

from webtools import OUTI, PIA, make_staff  # noqa: E402

from luppa.accounts.models import User  # noqa: E402
from luppa.accounts.services import open_private_account  # noqa: E402
from luppa.core.photo_id import display  # noqa: E402
from luppa.decree.reasons import label  # noqa: E402
from luppa.integrations.authorizations import person_key  # noqa: E402
from luppa.integrations.identification import TEST_PERSONS  # noqa: E402
from luppa.officer.models import Decision  # noqa: E402
from luppa.photos import services  # noqa: E402
from luppa.photos.models import Photo  # noqa: E402

HETU = "131052-308T"
SHOTS = Path(os.environ.get("LUPPA_SCREENSHOTS", tempfile.gettempdir()))
REASONS = ("shadows", "background")
MESSAGE = "Varjo taustassa pään oikealla puolella."


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield chromium
        finally:
            chromium.close()
            # Under Playwright's event loop Django keys its connections by context, so
            # the test's queries ran on a connection of their own: close it here, or
            # the test database cannot be dropped at the end.
            connections.close_all()


def new_page(browser, width: int = 1200):
    # bypass_csp: axe is injected as an inline script, which the CSP forbids.
    context = browser.new_context(
        viewport={"width": width, "height": 1000}, locale="fi-FI", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def log_in(page, base_url: str, person: int, role: re.Pattern[str] | None) -> None:
    """Through the test identification page, then the role (account or staff) choice;
    None where the person has only one choice, which the service takes without asking."""
    page.goto(f"{base_url}/")
    page.get_by_role("button", name="Tunnistaudu").click()
    who = TEST_PERSONS[person]
    page.get_by_role("button", name=f"{who.first_names} {who.last_name}").click()
    page.get_by_role("button", name="Jatka palveluun").click()
    if role is not None:
        page.get_by_role("button", name=role).click()


def submitted_photo(jpeg: bytes) -> Photo:
    """Pia's private account with one submitted photo (her upload is test_e2e_browser's)."""
    pia = TEST_PERSONS[PIA]
    user = User.objects.create(
        username=person_key(pia.hetu), full_name=f"{pia.first_names} {pia.last_name}"
    )
    account = open_private_account(user)
    draft = services.create_draft(
        account,
        account.photographers.get(),
        jpeg,
        {"first_names": "Maija", "surname": "Meikäläinen", "hetu": HETU},
    )
    return services.submit(draft)


def test_officer_finds_by_hetu_and_rejects_and_the_photographer_sees_it(
    live_server, transactional_db, browser, framed_biden
) -> None:
    expect = sync_api.expect
    photo = submitted_photo(framed_biden.jpeg)
    shown_id = display(photo.photo_id)
    make_staff(OUTI)

    # The officer logs in and chooses the staff role.
    officer = new_page(browser)
    log_in(officer, live_server.url, OUTI, re.compile("^\\s*Poliisi – Lupavirkailija"))
    expect(officer.get_by_role("heading", level=1)).to_have_text("Kuvahaku")
    hetu_box = officer.get_by_label("Henkilötunnus", exact=True)
    expect(hetu_box).to_be_focused()
    officer.screenshot(path=str(SHOTS / "luppa-officer-search.png"), full_page=True)

    # A mistyped HETU gets a message and the box is emptied.
    hetu_box.fill("131052-308X")
    officer.get_by_role("button", name="Hae henkilötunnuksella").click()
    expect(officer.get_by_role("alert").first).to_contain_text("Henkilötunnus ei ole kelvollinen")
    expect(officer.get_by_label("Henkilötunnus", exact=True)).to_have_value("")

    # The right HETU finds the photo; the HETU appears nowhere.
    officer.get_by_label("Henkilötunnus", exact=True).fill(HETU)
    officer.get_by_role("button", name="Hae henkilötunnuksella").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Hakutulokset")
    expect(officer.get_by_role("status")).to_contain_text("Haettu henkilötunnuksella: 1 kuva")
    assert "308T" not in officer.content() and "308T" not in officer.url
    expect(officer.get_by_label("Henkilötunnus", exact=True)).to_have_value("")
    officer.screenshot(path=str(SHOTS / "luppa-officer-results.png"), full_page=True)
    officer.get_by_role("link", name=shown_id).click()

    # The photo page: the photo at full size, guide lines, automatic results, no HETU.
    expect(officer.get_by_role("heading", level=1)).to_contain_text(shown_id)
    picture = officer.get_by_role("img", name=f"Kuva {shown_id}")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => [img.naturalWidth, img.clientWidth]") == [500, 500]
    lines = officer.locator("svg.guide-lines")
    expect(lines).to_be_visible()
    officer.get_by_label("Näytä apuviivat").uncheck()
    expect(lines).to_be_hidden()
    officer.get_by_label("Näytä apuviivat").check()
    expect(officer.get_by_role("heading", name="Automaattisen arvioinnin tulokset")).to_be_visible()
    assert "308T" not in officer.content()
    officer.screenshot(path=str(SHOTS / "luppa-officer-photo.png"), full_page=True)

    # Without a reason the rejection is refused, with the error beside the reasons.
    officer.get_by_label("Hylkää kuva").check()
    officer.get_by_label("Lupatyyppi").select_option(label="Passi")
    officer.get_by_role("button", name="Tallenna päätös").click()
    expect(officer.locator("#id_reasons_error")).to_contain_text("vähintään yksi hylkäyssyy")
    assert not Decision.objects.exists()

    # The medical exception marks 3–5 § as set aside at once (the page's own script).
    exception = officer.get_by_label(re.compile("Poikkeus terveydellisestä"))
    exception.check()
    expect(officer.locator("tbody.waivable .waived-note").first).to_be_visible()
    exception.uncheck()
    expect(officer.locator("tbody.waivable .waived-note").first).to_be_hidden()

    # Reject with two reasons, a message and the permit type.
    expect(officer.get_by_label("Hylkää kuva")).to_be_checked()
    for code in REASONS:
        officer.get_by_label(re.compile(re.escape(label(code)))).check()
    officer.get_by_label("Viesti kuvaajalle").fill(MESSAGE)
    officer.get_by_label("Lupatyyppi").select_option(label="Passi")
    officer.get_by_role("button", name="Tallenna päätös").click()
    expect(officer.get_by_role("status").first).to_contain_text("Kuva hylätty (Passi)")
    history = officer.locator("table.history")
    for code in REASONS:
        expect(history).to_contain_text(label(code))
    expect(history).to_contain_text(MESSAGE)
    expect(history).to_contain_text("Outi Lupavirkailija")
    officer.screenshot(path=str(SHOTS / "luppa-officer-decided.png"), full_page=True)
    decision = Decision.objects.get()
    assert decision.outcome == "rejected" and sorted(decision.reasons) == sorted(REASONS)
    assert decision.permit_type == "passport"

    # The photographer, in a browser of her own, sees the rejection on Sent photos.
    photographer = new_page(browser)
    log_in(photographer, live_server.url, PIA, None)
    photographer.goto(f"{live_server.url}/photos/sent/")
    row = photographer.get_by_role("row").filter(has_text=shown_id)
    expect(row).to_contain_text("Hylätty")
    expect(row).to_contain_text("Outi Lupavirkailija")
    expect(row).to_contain_text(MESSAGE)
    for code in REASONS:
        expect(row).to_contain_text(label(code))

    # The photographer's statistics count the rejection.
    photographer.goto(f"{live_server.url}/reports/")
    rejected = photographer.get_by_role("listitem").filter(has_text="hylättyä").first
    expect(rejected).to_have_text(re.compile(r"^\s*1\s*hylättyä\s*$"))
