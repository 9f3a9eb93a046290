"""End to end in headless Chromium: the automatic results on the photographer's result page
and the officer's photo page read in the page's language, values and limits included, also
for a result stored before limits were structured.

Skipped where /usr/bin/chromium is absent. Screenshots (fi and sv) go to the temporary
folder (LUPPA_SCREENSHOTS overrides it) for a human to look at.
"""

from __future__ import annotations

import re

import pytest
from browsertools import SHOTS, session_page, submitted_photo
from django.test import Client
from webtools import OUTI, PIA, login, login_officer

sync_api = pytest.importorskip("playwright.sync_api")

from luppa.accounts.models import Account, Photographer  # noqa: E402
from luppa.core.photo_id import display  # noqa: E402
from luppa.photos import services  # noqa: E402

# The code's English names of measured values, and a decimal point between digits.
ENGLISH = re.compile(r"\b(roll|yaw|pitch|edges|lightness|chroma|highlight|blockiness)\b")
POINT = re.compile(r"\d\.\d")
LABELS = {"fi": ("kallistus", "Pään asento"), "sv": ("lutning", "Huvudets hållning")}


def _as_stored_long_ago(checks: list[dict]) -> list[dict]:
    """pose.straight as rows were stored before limits were structured: an English text."""
    old = []
    for c in checks:
        if c["id"] == "pose.straight":
            c = {k: v for k, v in c.items() if k != "limit_spec"}
            c["limit"] = "roll ≤ 8°, yaw ≤ 12°, pitch ≤ 22°"
        old.append(c)
    return old


def _results_text(page) -> str:
    return page.locator("table").all_inner_texts().__str__()


@pytest.mark.browser
def test_results_read_in_finnish_and_swedish_on_both_pages(
    live_server, transactional_db, browser, framed_biden
) -> None:
    expect = sync_api.expect
    sent = submitted_photo(framed_biden.jpeg)
    sent.checks = _as_stored_long_ago(sent.checks)
    sent.save(update_fields=["checks"])
    officer = Client()
    login_officer(officer, OUTI)
    photographer = Client()
    login(photographer, PIA)
    Photographer.objects.update(mode=Photographer.Mode.ADVANCED)  # every result on one page
    account = Account.objects.get(pk=photographer.session["luppa_account_id"])
    draft = services.create_draft(account, account.photographers.get(), framed_biden.jpeg, {})

    for lang in ("fi", "sv"):
        label, title = LABELS[lang]
        page = session_page(browser, photographer, live_server.url, lang)
        page.goto(f"{live_server.url}/photos/draft/{draft.pk}/")
        expect(page.get_by_text(title).first).to_be_visible()
        tables = _results_text(page)
        assert re.search(rf"{label} -?\d", tables), tables
        assert not ENGLISH.search(tables) and not POINT.search(tables), tables
        page.screenshot(path=str(SHOTS / f"luppa-check-results-{lang}.png"), full_page=True)
        page.context.close()

        page = session_page(browser, officer, live_server.url, lang)
        page.goto(f"{live_server.url}/officer/photos/{display(sent.photo_id)}/")
        expect(page.get_by_text(title).first).to_be_visible()
        tables = _results_text(page)
        # The old row's English limit reads in the page's language too.
        assert re.search(rf"{label} -?\d", tables), tables
        assert not ENGLISH.search(tables) and not POINT.search(tables), tables
        page.screenshot(path=str(SHOTS / f"luppa-officer-checks-{lang}.png"), full_page=True)
        page.context.close()
