"""Issue 7's quality bar: New photo, keyboard only, reaches "Seuraava" in at most 8 Tab
presses from the page's start (through the skip link to the form), and the form's errors
are one alert that keeps the chosen file. Skipped where /usr/bin/chromium is absent."""

from __future__ import annotations

import os

import pytest
from browsertools import AXE, axe_violations, session_page
from django.test import Client
from webtools import PIA, login

sync_api = pytest.importorskip("playwright.sync_api")

MAX_TABS = 8


def focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement; "
        "return e ? (e.tagName + ' ' + (e.id || '') + ' ' + e.textContent.trim()) : ''; }"
    )


def test_new_photo_reaches_seuraava_in_at_most_eight_tabs(
    live_server, transactional_db, browser, framed_biden, tmp_path
) -> None:
    client = Client()
    login(client, PIA)
    page = session_page(browser, client, live_server.url, "fi")
    page.goto(f"{live_server.url}/photos/new/")
    photo_file = tmp_path / "kuva.jpg"
    photo_file.write_bytes(framed_biden.jpeg)

    tabs, trail = 0, []
    while tabs < MAX_TABS:
        page.keyboard.press("Tab")
        tabs += 1
        now = focused(page)
        trail.append(now)
        if now.startswith("A ") and "Siirry lomakkeeseen" in now:
            page.keyboard.press("Enter")  # the skip link: not a Tab
            trail.append(focused(page))
        if now.startswith("INPUT id_image"):
            page.set_input_files("#id_image", photo_file)  # the file chooser, as Enter would
        if now.startswith("INPUT id_consent"):
            page.keyboard.press("Space")
        if now.startswith("BUTTON") and "Seuraava" in now:
            break
    assert trail[-1].startswith("BUTTON") and "Seuraava" in trail[-1], trail
    assert tabs <= MAX_TABS, trail

    # Enter submits; the photo is checked and the guided walk begins.
    page.keyboard.press("Enter")
    sync_api.expect(page.get_by_role("heading", level=1)).to_contain_text("ohjattu tarkistus")


def test_a_form_error_is_one_alert_and_keeps_the_file(
    live_server, transactional_db, browser, framed_biden, tmp_path
) -> None:
    client = Client()
    login(client, PIA)
    page = session_page(browser, client, live_server.url, "fi")
    page.goto(f"{live_server.url}/photos/new/")
    photo_file = tmp_path / "maija.jpg"
    photo_file.write_bytes(framed_biden.jpeg)
    page.get_by_label("Henkilötunnus").fill("131052-308X")
    page.get_by_label("Kuvatiedosto", exact=False).set_input_files(photo_file)
    page.get_by_label("suostumuksen", exact=False).check()
    page.get_by_role("button", name="Seuraava").click()
    sync_api.expect(page.get_by_role("alert")).to_have_count(1)
    sync_api.expect(page.get_by_role("alert")).to_contain_text("tarkistusmerkki")
    sync_api.expect(page.locator("#kept-upload")).to_contain_text("maija.jpg")
    if AXE.exists():
        assert axe_violations(page) == []
    page.get_by_label("Henkilötunnus").fill("131052-308T")
    page.get_by_role("button", name="Seuraava").click()
    sync_api.expect(page.get_by_role("heading", level=1)).to_contain_text("ohjattu tarkistus")


def test_error_states_are_axe_clean(
    live_server, transactional_db, browser, framed_biden, tmp_path
) -> None:
    """The pages crawled by test_e2e_pages are GETs; these are the answers to a form."""
    if not AXE.exists():
        pytest.skip(f"{AXE} is absent (make assets)")
    from django.core.management import call_command
    from webtools import AILA, login_officer

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    login(client, PIA)
    page = session_page(browser, client, live_server.url, "fi")
    found = {}

    # A guided step ticked against a failed automatic result, without the confirmation.
    from luppa.accounts.models import Account, Photographer
    from luppa.photos import services

    account = Account.objects.search("Pia Pikkarainen").get()
    Photographer.objects.filter(account=account).update(mode="guided")
    photo = services.create_draft(account, account.photographers.get(), framed_biden.jpeg, {})
    photo.checks = [{**c, "status": "fail"} if c["section"] == "2 §" else c for c in photo.checks]
    photo.save(update_fields=["checks"])
    page.goto(f"{live_server.url}/photos/draft/{photo.pk}/step/1/")
    for box in page.locator('input[name="ticks"]').all():
        box.check()
    page.get_by_role("button", name="Seuraava").click()
    sync_api.expect(page.get_by_role("alert")).to_have_count(1)
    found["step"] = axe_violations(page)

    # An administrator's suspension without the confirmation.
    admin = Client()
    login_officer(admin, AILA, role="admin")
    page = session_page(browser, admin, live_server.url, "fi")
    page.goto(f"{live_server.url}/officer/accounts/{account.pk}/")
    page.get_by_label("Perustelu", exact=False).fill("Väärinkäyttö.")
    page.get_by_role("button", name="Keskeytä oikeudet").click()
    sync_api.expect(page.get_by_role("alert")).to_have_count(1)
    found["suspend"] = axe_violations(page)
    page.get_by_label("Perustelu", exact=False).fill("Väärinkäyttö.")
    page.get_by_label("Vahvistan", exact=False).check()
    page.get_by_role("button", name="Keskeytä oikeudet").click()

    # The suspended photographer's front page.
    page = session_page(browser, client, live_server.url, "fi")
    page.goto(f"{live_server.url}/")
    sync_api.expect(page.get_by_text("Väärinkäyttö.")).to_be_visible()
    found["suspended"] = axe_violations(page)
    assert not any(found.values()), found
