"""End to end in headless Chromium: log in, upload, walk the guided steps, submit, receipt.

Skipped where /usr/bin/chromium is absent. Screenshots of a guided step and of the receipt
are left in the temporary folder (LUPPA_SCREENSHOTS overrides it) for a human to look at.
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

from luppa.core.photo_id import display  # noqa: E402
from luppa.decree.sections import STEPS  # noqa: E402
from luppa.outbox.models import Message  # noqa: E402
from luppa.photos.models import Photo  # noqa: E402

HETU = "131052-308T"
SHOTS = Path(os.environ.get("LUPPA_SCREENSHOTS", tempfile.gettempdir()))


@pytest.fixture
def browser_page():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 1100}, locale="fi-FI")
            page = context.new_page()
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()
            # Under Playwright's event loop Django keys its connections by context, so
            # the test's queries ran on a connection of their own: close it here, or
            # the test database cannot be dropped at the end.
            connections.close_all()


def test_photographer_uploads_checks_and_submits(
    live_server, transactional_db, browser_page, framed_biden, tmp_path
) -> None:
    page = browser_page
    expect = sync_api.expect
    photo_file = tmp_path / "kuva.jpg"
    photo_file.write_bytes(framed_biden.jpeg)

    # Log in through the test identification page, acting for oneself.
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Tunnistaudu").click()
    page.get_by_role("button", name="Pia Pikkarainen").click()
    page.get_by_role("button", name="Jatka palveluun").click()
    # Her only choice, a new private account, is confirmed once.
    page.get_by_role("button", name="Avaa yksityinen käyttäjätili").click()

    # New photo.
    page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Uusi kuva").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uusi kuva")
    page.get_by_label("Etunimet").fill("Maija")
    page.get_by_label("Sukunimi").fill("Meikäläinen")
    page.get_by_label("Henkilötunnus").fill(HETU)
    page.get_by_label("Kuvaaja").select_option(label="Pia Pikkarainen")
    page.get_by_label(re.compile("Kuvatiedosto")).set_input_files(photo_file)
    page.get_by_label(re.compile("suostumuksen")).check()
    page.get_by_role("button", name="Seuraava").click()

    # The guided walk: every step's checklist ticked.
    for step in STEPS:
        expect(page.get_by_role("heading", level=2, name=re.compile(f"Vaihe {step.number}/7")))
        boxes = page.locator('input[name="ticks"]')
        expect(boxes).to_have_count(len(step.requirements))
        if step.number == 1:
            lines = page.locator("svg.guide-lines")
            toggle = page.get_by_label("Näytä apuviivat")
            expect(lines).to_be_visible()
            toggle.uncheck()
            expect(lines).to_be_hidden()
            toggle.check()
            expect(lines).to_be_visible()
            # Without a tick the step does not continue.
            page.get_by_role("button", name="Seuraava").click()
            expect(page.get_by_role("alert").first).to_contain_text("tarkistuslista")
        for box in boxes.all():
            box.check()
        # A tick against a failed automatic result asks for a confirmation.
        confirm = page.get_by_label(re.compile("Olen tarkistanut kuvan"))
        if confirm.count() and confirm.is_visible():
            confirm.check()
        if step.number == 1:
            page.screenshot(path=str(SHOTS / "luppa-guided-step.png"), full_page=True)
        last = step.number == len(STEPS)
        page.get_by_role("button", name="Siirry lähettämään" if last else "Seuraava").click()

    # Receipt contact and submit.
    page.get_by_label("Asiakkaan sähköpostiosoite").fill("maija@example.fi")
    page.get_by_role("button", name="Lähetä kuva").click()

    photo = Photo.objects.get()
    assert photo.state == Photo.State.SUBMITTED
    shown = display(photo.photo_id)
    expect(page.locator("#photo-id")).to_have_text(shown)
    expect(page.locator("svg.barcode")).to_be_visible()
    assert HETU not in page.content()
    page.screenshot(path=str(SHOTS / "luppa-receipt.png"), full_page=True)
    assert Message.objects.filter(photo=photo, channel="email").count() == 1

    # The barcode on the screen reads in a scanner library (where one is installed).
    try:
        import zxingcpp
        from PIL import Image
    except ImportError:
        pass
    else:
        shot = tmp_path / "barcode.png"
        page.locator(".barcode-box").screenshot(path=str(shot))
        assert [r.text for r in zxingcpp.read_barcodes(Image.open(shot))] == [photo.photo_id]

    # The photo is listed on Sent photos.
    page.goto(f"{live_server.url}/photos/sent/")
    assert shown in page.content() or photo.photo_id in page.content()
