"""Helpers for the browser tests: headless Debian Chromium, a tab sharing a test client's
session, and axe-core from node_modules (the npm package, injected from the local file)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.test import Client

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
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
