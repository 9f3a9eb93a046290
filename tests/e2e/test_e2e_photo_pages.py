"""End to end in headless Chromium: the camera original framed in the browser, and the
photo at 1:1 with a keyboard-operable zoom.

Skipped where /usr/bin/chromium is absent. Screenshots go to the temporary folder
(LUPPA_SCREENSHOTS overrides it) for a human to look at.
"""

from __future__ import annotations

import re

import pytest
from browsertools import SHOTS, axe_violations, log_in, submitted_photo
from imagetools import BIDEN, TWO_PEOPLE

sync_api = pytest.importorskip("playwright.sync_api")

from luppa.photos.models import Photo  # noqa: E402


def _log_in_as_pia(page, url: str) -> None:
    page.goto(f"{url}/")
    page.get_by_role("button", name="Tunnistaudu").click()
    page.get_by_role("button", name="Pia Pikkarainen").click()
    page.get_by_role("button", name="Jatka palveluun").click()
    # Her only choice, a new private account, is confirmed once.
    page.get_by_role("button", name="Avaa yksityinen käyttäjätili").click()


def test_camera_original_is_framed_shown_with_guides_and_zoomed_by_keyboard(
    live_server, transactional_db, page, framed_biden
) -> None:
    expect = sync_api.expect
    _log_in_as_pia(page, live_server.url)
    page.goto(f"{live_server.url}/photos/new/")
    page.get_by_label("Kuvaaja").select_option(label="Pia Pikkarainen")
    page.get_by_label(re.compile("Kuvatiedosto")).set_input_files(BIDEN)  # 707×670 original
    page.get_by_label(re.compile("suostumuksen")).check()
    page.get_by_role("button", name="Seuraava").click()

    # The crop, with its guide lines, to accept or replace.
    expect(page.get_by_role("heading", level=1)).to_have_text("Tarkista rajaus")
    photo = Photo.objects.get()
    assert photo.image.data() == framed_biden.jpeg
    img = page.locator(".zoom-viewport img")
    expect(img).to_be_visible()
    expect(page.locator("svg.guide-lines")).to_be_visible()
    # 1:1: the 500×653 photo is shown at 500×653 CSS pixels.
    box = img.bounding_box()
    assert round(box["width"]) == 500 and round(box["height"]) == 653
    page.screenshot(path=str(SHOTS / "luppa-framed.png"), full_page=True)
    assert axe_violations(page) == []

    # Zoom from the keyboard: Tab to the photo, + zooms in on the eyes, arrows scroll.
    viewport = page.locator("[data-zoom-viewport]")
    viewport.focus()
    page.keyboard.press("+")
    expect(page.get_by_role("button", name="2×")).to_have_attribute("aria-pressed", "true")
    assert round(img.bounding_box()["width"]) == 1000
    vp = viewport.bounding_box()
    assert round(vp["width"]) == 500 and round(vp["height"]) == 653  # the view keeps its size
    top = viewport.evaluate("v => v.scrollTop")
    eyes_y = (
        photo.geometry["chin_y"] - (photo.geometry["chin_y"] - photo.geometry["crown_y"]) / 1.87
    )
    # The eyes are in the middle of the view (within a tenth of it).
    assert abs((top + 653 / 2) / 2 - eyes_y) < 65, (top, eyes_y)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_function(f"v => v.scrollTop > {top}", arg=viewport.element_handle())
    page.keyboard.press("+")
    expect(page.get_by_role("button", name="4×")).to_have_attribute("aria-pressed", "true")
    assert round(img.bounding_box()["width"]) == 2000
    page.screenshot(path=str(SHOTS / "luppa-zoom-4x.png"))
    # Still on the face: the middle of the view is within the face's width of its centre line.
    left = viewport.evaluate("v => v.scrollLeft")
    assert abs((left + 250) / 4 - photo.geometry["centre_x"]) < 60, left
    page.keyboard.press("0")
    expect(page.get_by_role("button", name="1:1")).to_have_attribute("aria-pressed", "true")
    # The buttons work too, and are buttons a keyboard reaches.
    page.get_by_role("button", name="2×").focus()
    page.keyboard.press("Enter")
    assert round(img.bounding_box()["width"]) == 1000

    # Accept: on to the checks.
    page.get_by_role("link", name="Hyväksy rajaus ja jatka").click()
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^Vaihe 1\b"))).to_be_visible()


def test_a_refusal_is_shown_in_the_error_summary(live_server, transactional_db, page) -> None:
    expect = sync_api.expect
    _log_in_as_pia(page, live_server.url)
    page.goto(f"{live_server.url}/photos/new/")
    page.get_by_label("Kuvaaja").select_option(label="Pia Pikkarainen")
    page.get_by_label(re.compile("Kuvatiedosto")).set_input_files(TWO_PEOPLE)
    page.get_by_label(re.compile("suostumuksen")).check()
    page.get_by_role("button", name="Seuraava").click()
    expect(page.get_by_role("alert").first).to_contain_text("Kuvaa ei voitu rajata")
    expect(page.locator(".has-error")).to_contain_text(re.compile(r"\d kasvot"))
    assert Photo.objects.count() == 0


def test_officer_sees_the_photo_at_1_1_and_the_decision_panel_stays_in_view(
    live_server, transactional_db, page, framed_biden
) -> None:
    from webtools import OUTI, make_officer

    expect = sync_api.expect
    photo = submitted_photo(framed_biden.jpeg)
    make_officer(OUTI)
    log_in(page, live_server.url, OUTI, re.compile("^\\s*Poliisi – Lupavirkailija"))
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/officer/photos/{photo.photo_id}/")
    img = page.locator(".zoom-viewport img")
    expect(img).to_be_visible()
    box = img.bounding_box()
    assert round(box["width"]) == 500 and round(box["height"]) == 653
    page.get_by_role("button", name="4×").click()
    assert round(img.bounding_box()["width"]) == 2000

    # Scrolled down to the automatic results, the decision is still on the screen.
    panel = page.locator("section[aria-labelledby=decide-title]")
    page.get_by_role(
        "heading", name="Automaattisen arvioinnin tulokset"
    ).scroll_into_view_if_needed()
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(200)
    assert page.evaluate("window.scrollY") > 800
    top = panel.bounding_box()["y"]
    assert 0 <= top < 100, top
    expect(page.get_by_role("radio", name="Hylkää kuva")).to_be_in_viewport()
    assert axe_violations(page) == []
    page.screenshot(path=str(SHOTS / "luppa-officer-sticky.png"))


# --- layout: nothing overflows a phone; wide tables and the Swedish menu fit 1280 px ---------


def _log_in(page, url: str, person: str, business_id: str) -> None:
    """Signed in through the fake IdP, acting for the company chosen on the fake
    e-Authorizations selection page (its account is open in the demo data)."""
    page.goto(f"{url}/")
    page.get_by_role("button", name="Tunnistaudu").click()
    page.get_by_role("button", name=person).click()
    page.get_by_role("button", name="Jatka palveluun").click()
    if business_id == "officer":  # an officer's role, chosen on the chooser
        page.locator("button[value='officer']").first.click()
        return
    page.get_by_role("button", name="Yrityksen puolesta").click()
    page.get_by_role("button", name=re.compile(re.escape(f"({business_id})"))).click()
    page.wait_for_url(re.compile(r"/$"))


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_pages_fit_a_phone_and_wide_tables_fit_1280(live_server, transactional_db, page) -> None:
    from django.core.management import call_command

    call_command("seed_demo")
    receipt_id = Photo.objects.filter(state="submitted", account__business_id="1234567-1")[0]
    _log_in(page, live_server.url, "Kalle Kuvaamo", "1234567-1")
    for lang in ("fi", "sv", "en"):
        page.context.add_cookies(
            [{"name": "django_language", "value": lang, "url": live_server.url}]
        )
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/")
        tabs = page.locator("nav.tabs a")
        tops = {round(tabs.nth(i).bounding_box()["y"]) for i in range(tabs.count())}
        assert len(tops) == 1, f"the {lang} menu wraps at 1280 px"
        page.set_viewport_size({"width": 390, "height": 900})
        for path in (
            "/",
            "/photos/sent/",
            f"/photos/receipt/{receipt_id.photo_id}/",
            f"/photos/sent/{receipt_id.photo_id}/",
            "/reports/",
            "/photos/new/",
            "/studios/?q=Helsinki",
        ):
            page.goto(f"{live_server.url}{path}")
            assert _overflow(page) <= 0, f"{path} overflows 390 px in {lang}"
            if lang == "sv":
                assert axe_violations(page) == [], path
        page.screenshot(path=str(SHOTS / f"luppa-390-studios-{lang}.png"), full_page=True)

    admin = page.context.browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fi-FI", bypass_csp=True
    )
    officer = admin.new_page()
    from webtools import AILA, make_officer

    make_officer(AILA, role="admin")
    _log_in(officer, live_server.url, "Aila Pääkäyttäjä", "officer")
    officer.goto(f"{live_server.url}/reports/service/")
    for region in officer.locator(".table-scroll").all():
        assert region.evaluate("e => e.scrollWidth - e.clientWidth") <= 0, (
            "a 12-month table scrolls"
        )
    officer.screenshot(path=str(SHOTS / "luppa-service-report-1280.png"), full_page=True)
    assert axe_violations(officer) == []
    officer.set_viewport_size({"width": 390, "height": 900})
    officer.goto(f"{live_server.url}/reports/service/")
    assert _overflow(officer) <= 0
    admin.close()
