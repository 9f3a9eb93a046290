"""End to end in headless Chromium: the officer meets the possible-duplicate-identity warning,
opens the score on demand, puts the matching photo side by side and reads the verdict. The
new sections are checked with axe-core (served from node_modules, as the pages serve it).

Skipped where /usr/bin/chromium is absent.
"""

from __future__ import annotations

import json
import re

import pytest
from browsertools import AXE, SHOTS, log_in, new_page
from factories import StudioPhotographerFactory, SubmittedPhotoFactory
from webtools import OUTI, make_officer

from luppa.audit.models import AuditEvent
from luppa.core.photo_id import display
from luppa.photos.models import PhotoEmbedding

sync_api = pytest.importorskip("playwright.sync_api")


def test_officer_sees_duplicate_warning_and_compares(
    live_server,
    transactional_db,
    browser,
    framed_photos,
) -> None:
    expect = sync_api.expect
    studio = StudioPhotographerFactory()
    jpeg = framed_photos["obama"].jpeg
    elsewhere = SubmittedPhotoFactory(
        photographer=studio, jpeg=jpeg, report=None, days_ago=40, hetu="010170-960F"
    )
    photo = SubmittedPhotoFactory(photographer=studio, jpeg=jpeg, report=None, hetu="131052-308T")
    # The framed press photo fails the decree's strict pose check; as a passing photo:
    PhotoEmbedding.objects.update(concerns=[])
    make_officer(OUTI)

    # axe-core is injected into the page; the service's Content-Security-Policy (rightly)
    # refuses injected scripts, so this test's browser bypasses it.
    officer = new_page(browser, bypass_csp=True, timeout=20_000)
    log_in(officer, live_server.url, OUTI, re.compile("^\\s*Poliisi – Lupavirkailija"))
    officer.goto(f"{live_server.url}/officer/photos/{photo.photo_id}/")
    warning = officer.locator("section.duplicate-warning")
    expect(warning.get_by_role("heading")).to_contain_text("Mahdollinen kaksoisidentiteetti")
    score = warning.locator(".score-value")
    expect(score).to_be_hidden()  # the score only on demand
    warning.get_by_text("Näytä pistemäärä").click()
    expect(score).to_be_visible()
    officer.screenshot(path=str(SHOTS / "luppa-officer-duplicate.png"), full_page=True)

    warning.get_by_role("link", name=re.compile(display(elsewhere.photo_id))).click()
    expect(officer.locator(".compare-verdict")).to_contain_text("sama henkilö")
    expect(
        officer.get_by_role("img", name=f"Vertailukuva {display(elsewhere.photo_id)}")
    ).to_be_visible()
    assert AuditEvent.objects.filter(action="officer.duplicate_warning").count() == 2

    if AXE.is_file():
        officer.add_script_tag(path=str(AXE))
        result = officer.evaluate(
            "async () => (await axe.run({include: [['section.duplicate-warning'],"
            " ['section.similarity']]})).violations.map(v => v.id + ': ' + v.help)"
        )
        assert result == [], json.dumps(result, ensure_ascii=False)
