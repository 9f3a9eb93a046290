"""Administrators manage the officers of their own organisation; a HETU is never stored."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from webtools import (
    AILA,
    MIKAEL,
    OUTI,
    PIA,
    VILLE,
    force_login_officer,
    force_login_private,
    identify,
    make_officer,
    named,
)

from luppa.accounts.models import User
from luppa.audit.models import AuditEvent
from luppa.integrations.authorizations import person_key
from luppa.integrations.identification import TEST_PERSONS
from luppa.officer.models import Officer

pytestmark = pytest.mark.django_db

VILLE_HETU = TEST_PERSONS[VILLE].hetu  # 030303A9603


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def all_rows_text(*tables: str) -> str:
    """Every column of every row of the tables, as text: what a database dump would show."""
    with connection.cursor() as cursor:
        dump = []
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")
            dump.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(dump)


# --- the list ---------------------------------------------------------------------------------


def test_the_list_shows_own_organisations_officers_only(admin: Client) -> None:
    make_officer(OUTI)
    make_officer(MIKAEL, organisation="migri")
    page = html(admin.get("/officer/staff/"))
    assert "Outi Lupavirkailija" in page and "Aila Pääkäyttäjä" in page
    assert "Mikael Migri" not in page
    assert "Lupavirkailija" in page and "Pääkäyttäjä" in page and "Voimassa" in page
    assert '<th scope="col">' in page


def test_a_migri_administrator_sees_migri_officers(client: Client) -> None:
    make_officer(OUTI)
    make_officer(AILA, role="admin")
    force_login_officer(client, MIKAEL, organisation="migri", role="admin")
    page = html(client.get("/officer/staff/"))
    assert "Mikael Migri" in page
    assert "Outi" not in page and "Aila" not in page
    police_officer = named(Officer, "Outi Lupavirkailija")
    assert client.get(f"/officer/staff/{police_officer.pk}/").status_code == 404
    response = client.post(f"/officer/staff/{police_officer.pk}/", {"name": "X", "role": "officer"})
    assert response.status_code == 404
    police_officer.refresh_from_db()
    assert police_officer.active and police_officer.name == "Outi Lupavirkailija"


def test_only_administrators_manage_officers(client: Client) -> None:
    member = make_officer(OUTI)
    urls = ["/officer/staff/", "/officer/staff/add/", f"/officer/staff/{member.pk}/"]
    for url in urls:
        assert client.get(url)["Location"].startswith("/login/"), url
    force_login_private(client, PIA)
    for url in urls:
        assert client.get(url).status_code == 404, url
    officer = Client()
    force_login_officer(officer, OUTI)
    for url in urls:
        assert officer.get(url).status_code == 403, url
    data = {"hetu": VILLE_HETU, "name": "Ville", "role": "admin"}
    assert officer.post("/officer/staff/add/", data).status_code == 403
    assert officer.post(urls[2], {"name": "O", "role": "admin", "active": "on"}).status_code == 403
    member.refresh_from_db()
    assert member.role == "officer" and Officer.objects.count() == 1


# --- adding -----------------------------------------------------------------------------------


def test_adding_an_officer_by_hetu_stores_only_the_keyed_hash(admin: Client) -> None:
    page = html(admin.get("/officer/staff/add/"))
    assert 'name="hetu"' in page and 'autocomplete="off"' in page
    response = admin.post(
        "/officer/staff/add/", {"hetu": VILLE_HETU, "name": "Ville Virtanen", "role": "officer"}
    )
    assert response.status_code == 302 and response["Location"] == "/officer/staff/"
    member = named(Officer, "Ville Virtanen")
    assert member.organisation == "police" and member.role == "officer" and member.active
    assert member.user.username == person_key(VILLE_HETU)
    assert not member.user.has_usable_password()
    # Neither the code nor its digits appear anywhere in the rows, nor in the audit trail.
    dump = all_rows_text("accounts_user", "review_officer", "audit_auditevent")
    for fragment in (VILLE_HETU, "030303A9603", "030303", "A9603"):
        assert fragment not in dump
    event = AuditEvent.objects.get(action="officer.add")
    assert event.query == {"staff": member.pk, "role": "officer"}
    assert VILLE_HETU not in json.dumps(event.query)


def test_the_added_officer_can_log_in_as_officer(admin: Client) -> None:
    admin.post("/officer/staff/add/", {"hetu": VILLE_HETU, "name": "V V", "role": "officer"})
    ville = Client()
    identify(ville, VILLE)
    response = ville.post("/login/choose/", {"choice": "officer"})
    assert response["Location"] == "/officer/"
    assert ville.get("/officer/staff/").status_code == 403  # an officer, not an administrator
    # The login fills in the person's name from the identification.
    assert User.objects.get(username=person_key(VILLE_HETU)).full_name == "Ville Virtanen"


def test_the_hetu_is_normalised_before_hashing(admin: Client) -> None:
    response = admin.post(
        "/officer/staff/add/", {"hetu": " 030303a9603 ", "name": "Ville", "role": "admin"}
    )
    assert response.status_code == 302
    member = named(Officer, "Ville")
    assert member.user.username == person_key(VILLE_HETU) and member.role == "admin"


def test_an_existing_photographer_user_becomes_officer(admin: Client) -> None:
    photographer = Client()
    force_login_private(photographer, PIA)
    pia_user = next(u for u in User.objects.all() if u.full_name == "Pia Pikkarainen")
    response = admin.post(
        "/officer/staff/add/",
        {"hetu": TEST_PERSONS[PIA].hetu, "name": "Pia P", "role": "officer"},
    )
    assert response.status_code == 302
    assert named(Officer, "Pia P").user == pia_user
    assert User.objects.filter(username=pia_user.username).count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"hetu": "030303A9604", "name": "V", "role": "officer"}, "hetu"),  # check character
        ({"hetu": "not a hetu", "name": "V", "role": "officer"}, "hetu"),
        ({"hetu": "", "name": "V", "role": "officer"}, "hetu"),
        ({"hetu": VILLE_HETU, "name": "", "role": "officer"}, "name"),
        ({"hetu": VILLE_HETU, "name": "V", "role": "superuser"}, "role"),
        ({"hetu": VILLE_HETU, "name": "V" * 201, "role": "officer"}, "name"),
    ],
)
def test_invalid_additions_are_refused(admin: Client, data, field) -> None:
    response = admin.post("/officer/staff/add/", data)
    assert response.status_code == 400
    page = response.content.decode()
    # The field's own error is a plain list; the page has one summary alert.
    assert f'id="id_{field}_error"' in page and page.count('role="alert"') == 1
    assert Officer.objects.count() == 1  # the administrator only
    assert not User.objects.filter(username=person_key(VILLE_HETU)).exists()
    assert not AuditEvent.objects.filter(action="officer.add").exists()


def test_a_person_already_an_officer_is_not_added_twice(admin: Client) -> None:
    make_officer(MIKAEL, organisation="migri")
    for person in (AILA, MIKAEL):
        data = {"hetu": TEST_PERSONS[person].hetu, "name": "Toinen", "role": "officer"}
        response = admin.post("/officer/staff/add/", data)
        assert response.status_code == 400
        assert "jo virkailijan käyttöoikeus" in response.content.decode()
    assert Officer.objects.count() == 2
    assert named(Officer, "Mikael Migri").organisation == "migri"


def test_adding_needs_csrf(admin: Client) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = admin.cookies
    data = {"hetu": VILLE_HETU, "name": "V", "role": "officer"}
    assert strict.post("/officer/staff/add/", data).status_code == 403
    assert Officer.objects.count() == 1


# --- editing ----------------------------------------------------------------------------------


def test_editing_name_role_and_deactivating(admin: Client) -> None:
    member = make_officer(OUTI)
    outi = Client()
    force_login_officer(outi, OUTI)
    assert outi.get("/officer/").status_code == 200
    page = html(admin.get(f"/officer/staff/{member.pk}/"))
    assert 'value="Outi Lupavirkailija"' in page
    response = admin.post(f"/officer/staff/{member.pk}/", {"name": "Outi L", "role": "admin"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.name == "Outi L" and member.role == "admin" and not member.active
    event = AuditEvent.objects.get(action="officer.change")
    assert event.query == {
        "staff": member.pk,
        "changed": "name,role,active",
        "role": "admin",
        "active": False,
    }
    # Deactivated: the open session loses the officer's pages at once, and the role is gone.
    assert outi.get("/officer/").status_code == 404
    identify(outi, OUTI)
    assert (
        "ei sallinut"
        in outi.post("/login/choose/", {"choice": "officer"}, follow=True).content.decode()
    )
    assert "Lopetettu" in html(admin.get("/officer/staff/"))


def test_a_deactivated_officer_can_be_reactivated(admin: Client) -> None:
    member = make_officer(OUTI)
    Officer.objects.filter(pk=member.pk).update(active=False)
    data = {"name": member.name, "role": "officer", "active": "on"}
    assert admin.post(f"/officer/staff/{member.pk}/", data).status_code == 302
    member.refresh_from_db()
    assert member.active
    assert AuditEvent.objects.get(action="officer.change").query["changed"] == "active"


def test_saving_without_changes_records_nothing(admin: Client) -> None:
    member = make_officer(OUTI)
    data = {"name": member.name, "role": "officer", "active": "on"}
    assert admin.post(f"/officer/staff/{member.pk}/", data).status_code == 302
    assert not AuditEvent.objects.filter(action="officer.change").exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "Aila Pääkäyttäjä", "role": "admin"}, "active"),  # deactivating oneself
        ({"name": "Aila Pääkäyttäjä", "role": "officer", "active": "on"}, "role"),
    ],
)
def test_an_administrator_cannot_lock_themselves_out(admin: Client, data, field) -> None:
    me = named(Officer, "Aila Pääkäyttäjä")
    response = admin.post(f"/officer/staff/{me.pk}/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and page.count('role="alert"') == 1
    me.refresh_from_db()
    assert me.active and me.role == "admin"
    assert not AuditEvent.objects.filter(action="officer.change").exists()


def test_an_administrator_may_rename_themselves(admin: Client) -> None:
    me = named(Officer, "Aila Pääkäyttäjä")
    data = {"name": "Aila P", "role": "admin", "active": "on"}
    assert admin.post(f"/officer/staff/{me.pk}/", data).status_code == 302
    me.refresh_from_db()
    assert me.name == "Aila P"


def test_invalid_edits_are_refused(admin: Client) -> None:
    member = make_officer(OUTI)
    for data in ({"name": "", "role": "officer"}, {"name": "O", "role": "boss"}):
        assert admin.post(f"/officer/staff/{member.pk}/", data).status_code == 400
    member.refresh_from_db()
    assert member.name == "Outi Lupavirkailija" and member.role == "officer" and member.active
    assert admin.get("/officer/staff/999999/").status_code == 404
