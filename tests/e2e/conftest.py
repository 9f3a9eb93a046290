"""Headless Debian Chromium for the end-to-end tests: launched here for every test that asks
for `browser` or `page` (which marks it `browser`), against pytest-django's live server.

Skipped where /usr/bin/chromium or Playwright is absent; the accessibility tests also need
axe-core in node_modules (`make assets`).
"""

from __future__ import annotations

import os

import pytest
from browsertools import CHROMIUM, LAUNCH_ARGS, new_page
from django.db import connections

# Playwright's sync API runs an event loop in this thread; Django's ORM (used by the
# live server's fixtures and the assertions) refuses to run there unless allowed.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent")
    # Imported here, not at collection: Playwright's API costs every test process (also
    # under -m "not browser", which still collects this folder) a few tenths of a second.
    try:
        from playwright import sync_api
    except ImportError:  # a dev dependency; without it the browser tests are skipped
        pytest.skip("playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
            # Under Playwright's event loop Django keys its connections by context, so
            # the test's queries ran on a connection of their own: close it here, or
            # the test database cannot be dropped at the end.
            connections.close_all()


@pytest.fixture
def page(browser):
    """A 1280×1000 Finnish tab with the CSP bypassed, so that axe-core can be injected."""
    return new_page(browser, 1280, 1000, bypass_csp=True, timeout=20_000)
