"""Helpers for the browser tests: headless Debian Chromium, a tab sharing a test client's
session, and axe-core from node_modules (the npm package, injected from the local file).

tests/e2e/conftest.py launches Chromium (the `browser` and `page` fixtures) with these."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import Client

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
# Screenshots for a human to look at (LUPPA_SCREENSHOTS overrides the temporary folder).
SHOTS = Path(os.environ.get("LUPPA_SCREENSHOTS", tempfile.gettempdir()))
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# WCAG 2.1 A and AA plus axe's best practices.
AXE_RUN = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values:
    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']});
  return r.violations.map(v => v.id + ' (' + v.impact + '): ' +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it is now, one line each."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


def session_page(browser, client: Client, base_url: str, lang: str = "fi", width: int = 1280):
    """A browser tab sharing the test client's session (logged in as the client is)."""
    # bypass_csp: axe is injected as an inline script, which the service's CSP forbids.
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale=lang, bypass_csp=True
    )
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


def new_page(browser, width: int = 1200, height: int = 1000, *, bypass_csp: bool = False,
             timeout: int = 15_000, locale: str = "fi-FI"):  # fmt: skip
    """A tab in a fresh context. bypass_csp only where axe is injected: the injected script is
    inline, which the service's CSP (rightly) forbids; elsewhere the CSP stays in force."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale=locale, bypass_csp=bypass_csp
    )
    page = context.new_page()
    page.set_default_timeout(timeout)
    return page


def log_in(page, base_url: str, person: int, role: re.Pattern[str] | None) -> None:
    """Through the test identification page, then the role (account or officer) choice;
    None where the person has only one choice, which the service takes without asking."""
    from luppa.integrations.identification import TEST_PERSONS

    page.goto(f"{base_url}/")
    page.get_by_role("button", name="Tunnistaudu").click()
    who = TEST_PERSONS[person]
    page.get_by_role("button", name=f"{who.first_names} {who.last_name}").click()
    page.get_by_role("button", name="Jatka palveluun").click()
    if role is not None:
        page.get_by_role("button", name=role).click()


def submitted_photo(jpeg: bytes):
    """Pia's private account with one submitted photo (her upload is test_e2e_browser's)."""
    from factories import PersonUserFactory, SubmittedPhotoFactory
    from webtools import PIA

    from luppa.accounts.services import open_private_account

    account = open_private_account(PersonUserFactory(person=PIA))
    return SubmittedPhotoFactory(
        photographer=account.photographers.get(), jpeg=jpeg, report=None,
        first_names="Maija", surname="Meikäläinen", hetu="131052-308T",
    )  # fmt: skip
