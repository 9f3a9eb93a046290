"""Every page, for every role, in every language: no server error, no link that leads its own
user to a 403 or 404, and no template syntax shown as text (defects 1 and 2 of issue 7)."""

from __future__ import annotations

import pytest
from crawl import ROLES, crawl, summary
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("role", ROLES, ids=[r.name for r in ROLES])
def test_every_page_of_every_role_is_whole(demo, role, lang) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    role.log_in(client)
    result = crawl(client, role)
    assert len(result.pages) >= 3, result.pages
    assert not result.problems, summary(result.problems)
