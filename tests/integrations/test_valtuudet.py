"""The Suomi.fi e-Authorizations Web API client against the local fake serving the same
HTTP API: the X-AsiointivaltuudetAuthorization checksum and its time window, the selection,
the code-for-token exchange, organizationRoles and unregister."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from webtools import KALLE, KUVAAMO, LIISA, VILLE, grant

from luppa.integrations import valtuudet
from luppa.integrations.identification import TEST_PERSONS

pytestmark = pytest.mark.django_db
BASE = "http://testserver/fake-valtuudet"


def test_the_checksum_is_hmac_sha256_of_path_and_timestamp() -> None:
    at = datetime(2026, 11, 30, 12, 0, 0, tzinfo=UTC)
    header = valtuudet.auth_header("client", "secret", "/service/ypa/x?requestId=1", at)
    client_id, timestamp, checksum = header.split(" ")
    assert (client_id, timestamp) == ("client", "2026-11-30T12:00:00.000Z")
    expected = hmac.new(b"secret", b"/service/ypa/x?requestId=1 2026-11-30T12:00:00.000Z",
                        hashlib.sha256).digest()  # fmt: skip
    assert base64.b64decode(checksum) == expected


def test_register_needs_a_valid_checksum_within_five_minutes(settings) -> None:
    hetu = TEST_PERSONS[KALLE].hetu
    path = f"/service/ypa/user/register/{settings.VALTUUDET_CLIENT_ID}/{hetu}?requestId=1"
    server = Client()
    assert server.get(f"/fake-valtuudet{path}").status_code == 401  # no header
    key, client_id = settings.VALTUUDET_API_KEY, settings.VALTUUDET_CLIENT_ID
    for header in (
        valtuudet.auth_header(client_id, "wrong-key", path),
        valtuudet.auth_header(client_id, key, path, datetime.now(UTC) - timedelta(minutes=6)),
        valtuudet.auth_header(client_id, key, path + "&x=1"),
        "garbage",
    ):
        refused = server.get(f"/fake-valtuudet{path}", HTTP_X_ASIOINTIVALTUUDETAUTHORIZATION=header)
        assert refused.status_code == 401
    fine = valtuudet.auth_header(client_id, key, path, datetime.now(UTC) - timedelta(minutes=4))
    ok = server.get(f"/fake-valtuudet{path}", HTTP_X_ASIOINTIVALTUUDETAUTHORIZATION=fine)
    assert ok.status_code == 200 and set(ok.json()) == {"sessionId", "userId"}
    assert hetu not in ok.content.decode()


def select(person: int, browser: Client | None = None) -> tuple[str, str]:
    """Register, then choose the company on the selection page: (sessionId, code)."""
    api = valtuudet.WebApiClient(BASE)
    session_id, user_id = api.register(TEST_PERSONS[person].hetu)
    browser = browser or Client()
    url = api.authorize_url(user_id, "http://testserver/back/")
    page = browser.get(url.removeprefix("http://testserver"))
    assert page.status_code == 200
    companies = re.findall(r'name="company" value="([^"]+)"', page.content.decode())
    if not companies:
        return session_id, ""
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    back = browser.post("/fake-valtuudet/oauth/authorize", {**params, "company": companies[0]})
    return session_id, parse_qs(urlsplit(back["Location"]).query)["code"][0]


def test_a_main_representative_gets_the_trade_register_role() -> None:
    grant(KALLE, main=True)
    api = valtuudet.WebApiClient(BASE)
    session_id, code = select(KALLE)
    token = api.token(code, "http://testserver/back/")
    roles = api.organization_roles(session_id, token)
    assert roles == [valtuudet.OrganizationRole(KUVAAMO, "Kuvaamo Oy", ("NIMKO",))]
    api.unregister(session_id)
    with pytest.raises(valtuudet.ValtuudetError):
        api.organization_roles(session_id, token)


def test_an_employee_gets_the_photographing_mandate(settings) -> None:
    grant(LIISA)
    api = valtuudet.WebApiClient(BASE)
    session_id, code = select(LIISA)
    roles = api.organization_roles(session_id, api.token(code, "http://testserver/back/"))
    assert roles[0].roles == (settings.VALTUUDET_MANDATE_ISSUE,)


def test_a_person_without_mandates_has_nothing_to_choose() -> None:
    _session, code = select(VILLE)
    assert code == ""


def test_a_code_is_exchanged_once_only() -> None:
    grant(KALLE, main=True)
    api = valtuudet.WebApiClient(BASE)
    _session, code = select(KALLE)
    api.token(code, "http://testserver/back/")
    with pytest.raises(valtuudet.ValtuudetError):
        api.token(code, "http://testserver/back/")
