"""End to end in headless Chromium: an officer finds a photo by HETU and rejects it; the
photographer then sees the rejection, and the statistics count it.

Skipped where /usr/bin/chromium is absent. Screenshots of the officer's pages are left in
the temporary folder (LUPPA_SCREENSHOTS overrides it) for a human to look at.
"""

from __future__ import annotations

import re

import pytest

sync_api = pytest.importorskip("playwright.sync_api")

from browsertools import SHOTS, log_in, new_page, submitted_photo  # noqa: E402
from webtools import OUTI, PIA, make_officer  # noqa: E402

from luppa.core.photo_id import display  # noqa: E402
from luppa.decree.reasons import label  # noqa: E402
from luppa.photos.models import Decision  # noqa: E402

HETU = "131052-308T"
REASONS = ("shadows", "background")
MESSAGE = "Varjo taustassa pään oikealla puolella."


def test_officer_finds_by_hetu_and_rejects_and_the_photographer_sees_it(
    live_server, transactional_db, browser, framed_biden
) -> None:
    expect = sync_api.expect
    photo = submitted_photo(framed_biden.jpeg)
    shown_id = display(photo.photo_id)
    make_officer(OUTI)

    # The officer logs in and chooses the officer role.
    officer = new_page(browser, bypass_csp=True)
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
    photographer = new_page(browser, bypass_csp=True)
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
