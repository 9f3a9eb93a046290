"""`luppa apikey create|list|revoke`: keys for studio software, the secret shown once."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from luppa.accounts.models import Account, ApiKey, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def company() -> Account:
    return Account.objects.create(
        kind="company", name="Kuvaamo Oy", business_id="1234567-1", studio_name="Kuvaamo"
    )


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("apikey", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def secret_in(output: str) -> str:
    return re.search(r"^(lk_\S+)$", output, re.M).group(1)


def test_create_prints_a_working_secret_once(company) -> None:
    output = run("create", "1234567-1", "--name", "Studio Pro 7")
    secret = secret_in(output)
    key = ApiKey.objects.get()
    assert key.account == company and key.name == "Studio Pro 7"
    assert ApiKey.authenticate(secret) == key
    assert secret.split("_", 2)[2] not in key.secret_hash  # only a hash is kept
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/v1/photos").status_code == 200
    # Listing never shows the secret again.
    listing = run("list", "1234567-1")
    assert key.lookup in listing and "Studio Pro 7" in listing and secret not in listing
    assert "active" in listing


def test_account_by_numeric_id_and_a_private_persons_account() -> None:
    user = User.objects.create(username="hash-of-hetu")
    person = Account.objects.create(kind="person", owner=user, name="Pia", studio_name="Pia")
    secret = secret_in(run("create", str(person.pk)))
    assert ApiKey.authenticate(secret).account == person


def test_revoke_by_lookup_or_whole_key(company) -> None:
    first = secret_in(run("create", "1234567-1"))
    second = secret_in(run("create", "1234567-1", "--name", "kassa"))
    lookup = ApiKey.objects.get(name="studio API").lookup
    assert "revoked" in run("revoke", lookup)
    assert ApiKey.authenticate(first) is None
    assert ApiKey.authenticate(second) is not None
    run("revoke", second)
    assert ApiKey.authenticate(second) is None
    assert "already revoked" in run("revoke", lookup)
    assert run("list", "1234567-1").count("revoked") == 2
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {second}")
    assert client.get("/api/v1/photos").status_code == 401


@pytest.mark.parametrize(
    "args",
    [
        ("create", "7654321-8"),
        ("create", "999"),
        ("create", "not-an-account"),
        ("list", "7654321-8"),
        ("revoke", "nosuchkey"),
        ("revoke", "lk_nosuchkey_secret"),
    ],
)
def test_unknown_account_or_key_is_a_clear_error(company, args) -> None:
    with pytest.raises(CommandError, match="no "):
        run(*args)
    assert not ApiKey.objects.exists()


def test_command_errors_exit_with_status_1(company, capsys) -> None:
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["luppa", "apikey", "create", "7654321-8"]).execute()
    assert exit_info.value.code == 1
    assert "no account" in capsys.readouterr().err


def test_an_empty_account_lists_nothing(company) -> None:
    assert "no API keys" in run("list", "1234567-1")


def test_a_suspended_account_gets_a_key_with_a_warning(company) -> None:
    from django.utils import timezone

    Account.objects.filter(pk=company.pk).update(suspended_at=timezone.now())
    err = io.StringIO()
    call_command("apikey", "create", "1234567-1", stdout=io.StringIO(), stderr=err)
    assert "suspended" in err.getvalue() and ApiKey.objects.count() == 1
