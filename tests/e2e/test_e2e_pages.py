"""axe-core on every page of every role, in headless Chromium (issue 7's quality bar).

The pages come from the same crawl as tests/test_pages_crawl.py; axe-core is the npm
package in node_modules, injected from the local file (nothing is loaded from the internet).
Skipped where /usr/bin/chromium or node_modules/axe-core is absent.
"""

from __future__ import annotations

import os

import pytest
from browsertools import AXE, axe_violations, session_page
from django.core.management import call_command
from django.test import Client

if not AXE.exists():
    pytest.skip(f"{AXE} is absent (make assets)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

from crawl import ROLES, crawl  # noqa: E402

# Every role in Finnish; Swedish and English for the role with the most pages.
CASES = [(role, "fi") for role in ROLES] + [
    (role, lang) for role in ROLES if role.name == "company photographer"
    for lang in ("sv", "en")
]  # fmt: skip


@pytest.mark.parametrize(("role", "lang"), CASES, ids=[f"{r.name}-{lang}" for r, lang in CASES])
def test_axe_finds_no_violation_on_any_page(
    live_server, transactional_db, browser, role, lang
) -> None:
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    role.log_in(client)
    pages = list(dict.fromkeys(crawl(client, role).pages))
    page = session_page(browser, client, live_server.url, lang)
    found = {}
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status < 500, path
        if violations := axe_violations(page):
            found[path] = violations
    assert not found, "\n".join(f"{p}: {v}" for p, vs in found.items() for v in vs)
