"""The administrator searches the audit trail: by HETU or name (through the keyed hash),
photo ID, event and dates; the term never reaches a URL, and the search is audited too."""

from __future__ import annotations

import pytest
from django.test import Client
from webtools import MIKAEL, OUTI, force_login_officer, login_officer

from luppa.audit.log import record
from luppa.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
HETU = "131052-308T"


def test_a_hetu_finds_the_searches_that_used_it(admin: Client) -> None:
    record(None, "officer.search", query={"hetu": HETU}, photos=["E39M4JN6FJ"])
    record(None, "officer.search", query={"hetu": "010594Y9021"})
    record(None, "xroad.photo.view", photos=["E39M4JN6FJ"])
    assert admin.get("/officer/audit/").status_code == 200
    page = admin.post("/officer/audit/", {"term": HETU.lower()})
    html = page.content.decode()
    assert page.status_code == 200 and "1 kirjaus" in html and "E39M4JN6FJ" in html
    by_photo = admin.post("/officer/audit/", {"photo_id": "e39m4jn6fj"}).content.decode()
    assert "2 kirjausta" in by_photo
    by_action = admin.post("/officer/audit/", {"action": "xroad"}).content.decode()
    assert "1 kirjaus" in by_action
    searched = AuditEvent.objects.filter(action="audit.search").latest("seq")
    assert searched.role == "admin" and HETU not in repr(searched.query)


def test_bad_input_is_a_400_and_officers_cannot_see_the_trail(admin: Client) -> None:
    assert admin.post("/officer/audit/", {"photo_id": "XX"}).status_code == 400
    assert admin.post("/officer/audit/", {"date_from": "31.2."}).status_code == 400
    assert admin.post("/officer/audit/", {"term": "\x00" * 5}).status_code == 400
    officer = Client()
    force_login_officer(officer, OUTI)
    assert officer.get("/officer/audit/").status_code in (403, 404)


def test_each_organisation_sees_its_own_trail(admin: Client) -> None:
    record(None, "officer.search", query={"hetu": HETU}, organisation="police", role="officer")
    record(None, "officer.search", query={"hetu": HETU}, organisation="migri", role="officer")
    record(None, "xroad.photo.view", photos=["E39M4JN6FJ"], organisation="migri", role="xroad")
    record(None, "photo.submit", photos=["E39M4JN6FJ"])  # the service's own: no organisation
    # The police run the service: their administrator sees police and service records.
    police = admin.post("/officer/audit/", {"term": HETU}).content.decode()
    assert "1 kirjaus" in police
    by_photo = admin.post("/officer/audit/", {"photo_id": "E39M4JN6FJ"}).content.decode()
    assert "1 kirjaus" in by_photo and "photo.submit" in by_photo
    # Migri's administrator sees Migri's officers and application system only.
    migri = Client()
    login_officer(migri, MIKAEL, organisation="migri", role="admin")
    assert "1 kirjaus" in migri.post("/officer/audit/", {"term": HETU}).content.decode()
    html = migri.post("/officer/audit/", {"photo_id": "E39M4JN6FJ"}).content.decode()
    assert "1 kirjaus" in html and "xroad.photo.view" in html and "photo.submit" not in html
    searched = AuditEvent.objects.filter(action="audit.search").latest("seq")
    assert searched.organisation == "migri" and searched.query["scope"] == "migri"
