"""axe-core on every page of every role, in headless Chromium (issue 7's quality bar).

The pages come from the same crawl as tests/test_pages_crawl.py; axe-core is the npm
package in node_modules, injected from the local file (nothing is loaded from the internet).
Skipped where /usr/bin/chromium or node_modules/axe-core is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent", allow_module_level=True)
if not AXE.exists():
    pytest.skip(f"{AXE} is absent (make assets)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

from crawl import ROLES, crawl  # noqa: E402

# WCAG 2.1 A and AA plus axe's best practices.
AXE_RUN = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values:
    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']});
  return r.violations.map(v => v.id + ' (' + v.impact + '): ' +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()
            connections.close_all()


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


def session_page(browser, client: Client, base_url: str, lang: str):
    """A browser tab sharing the test client's session (logged in as the client is)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=lang)
    host = base_url.split("//")[1].split(":")[0]
    cookies = [
        {"name": name, "value": morsel.value, "domain": host, "path": "/"}
        for name, morsel in client.cookies.items()
    ]
    cookies.append(
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "domain": host, "path": "/"}
    )
    context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.mark.parametrize("role", ROLES, ids=[r.name for r in ROLES])
def test_axe_finds_no_violation_on_any_page(live_server, transactional_db, browser, role) -> None:
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    role.log_in(client)
    pages = list(dict.fromkeys(crawl(client, role).pages))
    page = session_page(browser, client, live_server.url, "fi")
    found = {}
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status < 500, path
        if violations := axe_violations(page):
            found[path] = violations
    assert not found, "\n".join(f"{p}: {v}" for p, vs in found.items() for v in vs)
