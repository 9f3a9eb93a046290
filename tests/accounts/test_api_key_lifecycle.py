"""API keys name who made them, expire (a year by default, shown in the list), and can be
taken out of use by the account and by an administrator."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone
from webtools import AILA, PIA, force_login_officer, force_login_private

from luppa.accounts.models import Account, ApiKey
from luppa.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def new_key(client: Client) -> str:
    page = client.post("/details/api-keys/add/", {"name": "kassa"}).content.decode()
    return re.search(r'id="api-key-secret" value="([^"]+)"', page).group(1)


def api_ok(secret: str) -> bool:
    return Client().get("/api/v1/photos", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_a_key_names_its_maker_and_runs_out_in_a_year(client: Client) -> None:
    force_login_private(client, PIA)
    secret = new_key(client)
    key = ApiKey.objects.get()
    assert key.created_by_name == "Pia Pikkarainen"
    assert abs(key.expires_at - (timezone.now() + dt.timedelta(days=365))) < dt.timedelta(minutes=1)
    page = client.get("/details/").content.decode()
    assert "Pia Pikkarainen" in page and "Voimassa asti" in page
    assert api_ok(secret)


def test_an_expired_key_is_refused_and_shown_as_expired(client: Client) -> None:
    force_login_private(client, PIA)
    secret = new_key(client)
    ApiKey.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert not api_ok(secret)
    assert "Vanhentunut" in client.get("/details/").content.decode()


def test_the_account_revokes_its_own_key(client: Client) -> None:
    force_login_private(client, PIA)
    secret = new_key(client)
    key = ApiKey.objects.get()
    client.post(f"/details/api-keys/{key.pk}/revoke/")
    key.refresh_from_db()
    assert key.revoked_at and key.revoked_by == "account"
    assert not api_ok(secret)


def test_an_administrator_revokes_a_studios_key(client: Client) -> None:
    force_login_private(client, PIA)
    secret = new_key(client)
    account, key = Account.objects.get(), ApiKey.objects.get()
    admin = Client()
    force_login_officer(admin, AILA, role="admin")
    page = admin.get(f"/officer/accounts/{account.pk}/").content.decode()
    assert "kassa" in page and "Pia Pikkarainen" in page
    response = admin.post(f"/officer/accounts/{account.pk}/api-keys/{key.pk}/revoke/")
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_by == "admin" and not api_ok(secret)
    assert AuditEvent.objects.get(action="apikey.revoke").query == {
        "account": account.pk,
        "key": key.pk,
    }


def test_an_officer_cannot_revoke_keys(client: Client) -> None:
    force_login_private(client, PIA)
    new_key(client)
    account, key = Account.objects.get(), ApiKey.objects.get()
    officer = Client()
    force_login_officer(officer)
    assert officer.post(
        f"/officer/accounts/{account.pk}/api-keys/{key.pk}/revoke/"
    ).status_code in (
        403,
        404,
    )
    key.refresh_from_db()
    assert key.revoked_at is None
