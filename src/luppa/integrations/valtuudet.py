"""Suomi.fi e-Authorizations (valtuudet) Web API: a person on behalf of a company (YPA) or
of another person, such as a guardian for a minor (HPA).

The protocol, as the service's public reference client uses it:

1. register: `GET /service/ypa/user/register/{client_id}/{hetu}?requestId=…` answers
   `{"sessionId", "userId"}`;
2. the browser goes to `/oauth/authorize?client_id&response_type=code&redirect_uri&user=userId`
   where the person chooses the company;
3. back with `?code=`, the code becomes a token: `POST /oauth/token?code&grant_type=
   authorization_code&redirect_uri` with HTTP Basic (client id, OAuth secret);
4. `GET /service/ypa/api/organizationRoles/{sessionId}?requestId=…` with the bearer token
   lists the chosen company and the person's roles in it;
5. `GET /service/ypa/user/unregister/{sessionId}?requestId=…` ends the session.

HPA is the same with `hpa` in the paths, and instead of organizationRoles:
`GET /service/hpa/api/delegate/{sessionId}` lists the chosen principals (`personId`, `name`)
and `GET /service/hpa/api/authorization/{sessionId}/{personId}?issues=…` answers
`{"result": "ALLOWED"}` or `"DISALLOWED"` for the service's issue.

Every call except the token exchange carries `X-AsiointivaltuudetAuthorization:
{client_id} {timestamp} {checksum}`, the checksum being base64(HMAC-SHA256(API key, path +
" " + timestamp)); the service refuses timestamps more than five minutes off. The same
HTTP API is served by the local fake (`luppa.integrations.fake_valtuudet`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

import requests
from django.conf import settings

HEADER = "X-AsiointivaltuudetAuthorization"
MAX_SKEW = timedelta(minutes=5)
TIMEOUT = 10


class ValtuudetError(Exception):
    """The e-Authorizations service could not answer (network, refusal, bad reply)."""


def checksum(secret: str, path: str, timestamp: str) -> str:
    digest = hmac.new(secret.encode(), f"{path} {timestamp}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def auth_header(client_id: str, secret: str, path: str, now: datetime | None = None) -> str:
    timestamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    return f"{client_id} {timestamp} {checksum(secret, path, timestamp)}"


def verify_header(value: str, client_id: str, secret: str, path: str) -> bool:
    """The server's side of the check (used by the fake): client, checksum, ±5 minutes."""
    try:
        given_client, timestamp, given = value.split(" ")
        at = datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except ValueError:
        return False
    if given_client != client_id or abs(datetime.now(UTC) - at) > MAX_SKEW:
        return False
    return hmac.compare_digest(given, checksum(secret, path, timestamp))


@dataclass(frozen=True)
class Principal:
    person_id: str  # the principal's HETU: use it at once, never store it in plain
    name: str


@dataclass(frozen=True)
class OrganizationRole:
    business_id: str
    name: str
    roles: tuple[str, ...]


class WebApiClient:
    """One delegate's YPA session with the Web API at settings.VALTUUDET_URL."""

    def __init__(self, base_url: str | None = None) -> None:
        self.base = (base_url or settings.VALTUUDET_URL).rstrip("/")
        self.client_id = settings.VALTUUDET_CLIENT_ID
        self.api_key = settings.VALTUUDET_API_KEY
        self.oauth_secret = settings.VALTUUDET_OAUTH_SECRET

    def _get(self, path: str, token: str | None = None) -> object:
        headers = {HEADER: auth_header(self.client_id, self.api_key, path)}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = requests.get(self.base + path, headers=headers, timeout=TIMEOUT)
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ValtuudetError(f"GET {path.split('?')[0].rsplit('/', 1)[0]}") from exc

    def register(self, hetu: str, mode: str = "ypa") -> tuple[str, str]:
        """(sessionId, userId) for the delegate identified by `hetu`; mode ypa or hpa."""
        path = (
            f"/service/{mode}/user/register/{quote(self.client_id)}/{quote(hetu)}"
            f"?requestId={secrets.token_hex(8)}"
        )
        data = self._get(path)
        if not isinstance(data, dict) or "sessionId" not in data or "userId" not in data:
            raise ValtuudetError("register: unexpected reply")
        return str(data["sessionId"]), str(data["userId"])

    def authorize_url(self, user_id: str, redirect_uri: str, lang: str = "fi") -> str:
        query = urlencode(
            {"client_id": self.client_id, "response_type": "code", "redirect_uri": redirect_uri,
             "user": user_id, "lang": lang}
        )  # fmt: skip
        return f"{self.base}/oauth/authorize?{query}"

    def token(self, code: str, redirect_uri: str) -> str:
        query = urlencode(
            {"code": code, "grant_type": "authorization_code", "redirect_uri": redirect_uri}
        )
        try:
            response = requests.post(
                f"{self.base}/oauth/token?{query}",
                auth=(self.client_id, self.oauth_secret),
                timeout=TIMEOUT,
            )
            response.raise_for_status()
            return str(response.json()["access_token"])
        except (requests.RequestException, ValueError, KeyError) as exc:
            raise ValtuudetError("token") from exc

    def organization_roles(self, session_id: str, token: str) -> list[OrganizationRole]:
        request_id = secrets.token_hex(8)
        path = f"/service/ypa/api/organizationRoles/{quote(session_id)}?requestId={request_id}"
        data = self._get(path, token)
        if not isinstance(data, list):
            raise ValtuudetError("organizationRoles: unexpected reply")
        return [
            OrganizationRole(
                str(o["identifier"]), str(o.get("name", "")), tuple(o.get("roles", []))
            )
            for o in data
            if isinstance(o, dict) and "identifier" in o
        ]

    def unregister(self, session_id: str, mode: str = "ypa") -> None:
        request_id = secrets.token_hex(8)
        self._get(f"/service/{mode}/user/unregister/{quote(session_id)}?requestId={request_id}")

    def delegate(self, session_id: str, token: str) -> list[Principal]:
        """HPA: the principals the person chose on the selection page."""
        request_id = secrets.token_hex(8)
        data = self._get(
            f"/service/hpa/api/delegate/{quote(session_id)}?requestId={request_id}", token
        )
        if not isinstance(data, list):
            raise ValtuudetError("delegate: unexpected reply")
        return [
            Principal(str(p["personId"]), str(p.get("name", "")))
            for p in data
            if isinstance(p, dict) and "personId" in p
        ]

    def authorized(self, session_id: str, token: str, person_id: str, issue: str) -> bool:
        """HPA: may the delegate act for this principal in the service's issue?"""
        query = urlencode({"requestId": secrets.token_hex(8), "issues": issue})
        path = f"/service/hpa/api/authorization/{quote(session_id)}/{quote(person_id)}?{query}"
        data = self._get(path, token)
        return isinstance(data, dict) and data.get("result") == "ALLOWED"
