"""Officers sign in with their organisation's OpenID Connect provider (here the local fake,
which speaks the same protocol): authorization code with PKCE, roles and organisation from
claims. The service's back-channel calls (token, JWKS, userinfo) reach the fake provider
through a second Django test client instead of the network.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client, override_settings
from requests.structures import CaseInsensitiveDict
from webtools import named

from luppa.audit.models import AuditEvent
from luppa.integrations.fake_oidc import TEST_OFFICERS
from luppa.officer.models import Officer
from luppa.officer.oidc import officer_key

pytestmark = pytest.mark.django_db

OUTI, MIKAEL, AILA, TEPPO = range(4)


class _Reply:
    def __init__(self, response) -> None:
        self.status_code = response.status_code
        self.content = response.content
        self.text = response.content.decode()
        self.headers = CaseInsensitiveDict({"Content-Type": response["Content-Type"]})

    def json(self):
        return json.loads(self.content)

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code}")


@pytest.fixture(autouse=True)
def back_channel(monkeypatch):
    """requests.get/post to the fake provider, served by the Django app in-process."""
    server = Client()
    calls: list[str] = []

    def post(url, data=None, auth=None, **_kw):
        calls.append(urlsplit(url).path)
        extra = {}
        if auth is not None:
            extra["HTTP_AUTHORIZATION"] = (
                "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            )
        return _Reply(server.post(urlsplit(url).path, data or {}, **extra))

    def get(url, headers=None, **_kw):
        calls.append(urlsplit(url).path)
        extra = {"HTTP_AUTHORIZATION": headers["Authorization"]} if headers else {}
        return _Reply(server.get(urlsplit(url).path, **extra))

    monkeypatch.setattr(requests, "post", post)
    monkeypatch.setattr(requests, "get", get)
    return calls


def authorize_url(client: Client) -> str:
    response = client.get("/officer/login/")
    assert response.status_code == 302
    return response["Location"]


def sign_in(client: Client, officer: int):
    """Through the login redirect, the provider's page and the callback."""
    url = authorize_url(client)
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert client.get(urlsplit(url).path, params).status_code == 200
    back = client.post(urlsplit(url).path, {**params, "officer": officer})
    assert back.status_code == 302
    assert urlsplit(back["Location"]).path == "/officer/login/callback/"
    return client.get(back["Location"]), back["Location"]


def assert_no_session(client: Client) -> None:
    assert "_auth_user_id" not in client.session
    assert client.get("/officer/")["Location"].startswith("/login/")


def test_the_request_uses_the_code_flow_with_pkce(client: Client) -> None:
    url = authorize_url(client)
    assert urlsplit(url).path == "/fake-oidc/authorize/"
    params = parse_qs(urlsplit(url).query)
    assert params["response_type"] == ["code"]
    assert params["code_challenge_method"] == ["S256"]
    assert len(params["code_challenge"][0]) >= 43
    assert params["redirect_uri"] == ["http://testserver/officer/login/callback/"]
    assert "openid" in params["scope"][0].split()
    assert params["nonce"][0] and params["state"][0]


def test_an_officer_signs_in_with_role_and_organisation_from_claims(
    client: Client, back_channel
) -> None:
    response, _ = sign_in(client, OUTI)
    assert response["Location"] == "/officer/"
    assert back_channel == ["/fake-oidc/token/", "/fake-oidc/jwks/", "/fake-oidc/userinfo/"]
    officer = Officer.objects.get()
    assert (officer.organisation, officer.role, officer.name) == (
        "police",
        "officer",
        "Outi Lupavirkailija",
    )
    assert officer.user.username == officer_key(TEST_OFFICERS[OUTI].sub)
    assert not officer.user.has_usable_password()
    assert client.get("/officer/").status_code == 200
    assert client.get("/officer/staff/").status_code == 403  # an officer, not an administrator
    event = AuditEvent.objects.get(action="officer.login")
    assert event.actor == officer.user and event.query == {
        "organisation": "police",
        "role": "officer",
    }


def test_an_administrator_of_the_immigration_service_and_of_the_police(client: Client) -> None:
    sign_in(client, AILA)
    assert client.get("/officer/staff/").status_code == 200
    other = Client()
    sign_in(other, MIKAEL)
    assert named(Officer, "Mikael Migri").organisation == "migri"


def test_the_claims_win_over_the_stored_role(client: Client) -> None:
    from luppa.accounts.models import User

    user = User.objects.create(username=officer_key(TEST_OFFICERS[AILA].sub), full_name="Aila")
    Officer.objects.create(user=user, name="Aila", organisation="migri", role="officer")
    sign_in(client, AILA)
    officer = Officer.objects.get()
    expected = ("police", "admin", "Aila Pääkäyttäjä")
    assert (officer.organisation, officer.role, officer.name) == expected


def test_without_a_luppa_role_the_sign_in_is_refused(client: Client) -> None:
    response, _ = sign_in(client, TEPPO)
    assert response.status_code == 403
    assert "Kirjautuminen epäonnistui" in response.content.decode()
    assert not Officer.objects.exists()
    assert_no_session(client)


def test_an_officer_deactivated_in_luppa_is_refused(client: Client) -> None:
    sign_in(client, OUTI)
    Officer.objects.update(active=False)
    again = Client()
    response, _ = sign_in(again, OUTI)
    assert response.status_code == 403
    assert_no_session(again)


def test_a_replayed_callback_is_refused(client: Client) -> None:
    _response, callback = sign_in(client, OUTI)
    other = Client()
    replay = other.get(callback)
    assert replay.status_code == 403
    assert_no_session(other)


@override_settings(OFFICER_OIDC_ISSUER="https://login.poliisi.example/")
def test_an_id_token_from_another_issuer_is_refused(client: Client, monkeypatch) -> None:
    # The fake provider names itself by its own address; the service expects another.
    monkeypatch.setattr(
        "luppa.integrations.fake_oidc.issuer", lambda request: "http://testserver/fake-oidc/"
    )
    response, _ = sign_in(client, OUTI)
    assert response.status_code == 403
    assert_no_session(client)


def test_the_provider_requires_pkce(client: Client) -> None:
    url = authorize_url(client)
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    del params["code_challenge"]
    assert client.get("/fake-oidc/authorize/", params).status_code == 400


def test_the_provider_refuses_a_wrong_code_verifier(client: Client) -> None:
    url = authorize_url(client)
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    back = client.post("/fake-oidc/authorize/", {**params, "officer": OUTI})
    code = parse_qs(urlsplit(back["Location"]).query)["code"][0]
    token = Client().post(
        "/fake-oidc/token/",
        {"grant_type": "authorization_code", "code": code, "client_id": "luppa-dev",
         "client_secret": "dev-only-oidc-client-secret", "redirect_uri": params["redirect_uri"],
         "code_verifier": "x" * 64},
    )  # fmt: skip
    assert token.status_code == 400 and token.json() == {"error": "invalid_grant"}


def test_the_login_page_links_the_officers_sign_in(client: Client) -> None:
    assert 'href="/officer/login/"' in client.get("/login/").content.decode()
