"""A local stand-in for the organisations' OpenID Connect provider (officers' sign-in), for
development, the demo and tests. Never mounted in production.

It speaks the same protocol as the real provider, so the service's client (mozilla-django-
oidc) runs unchanged against it: the authorization code flow with PKCE (S256 only), a
client secret at the token endpoint, an RS256-signed ID token with the nonce, a userinfo
endpoint and a JWKS with the test key. Codes and tokens live in the shared Django cache, are
single-use and short-lived. The test officers carry their organisation and Luppa role in
claims, as the police's and the Immigration Service's own directories would.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.cache import cache
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .testkeys import test_keypair

PATH = "/fake-oidc/"
CODE_TTL = 60
TOKEN_TTL = 300
KEY_ID = "luppa-fake-oidc-test"
CACHE_PREFIX = "luppa:fake-oidc:"


@dataclass(frozen=True)
class TestOfficer:
    sub: str
    given_name: str
    family_name: str
    organisation: str
    roles: tuple[str, ...]
    note: str

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


TEST_OFFICERS = [
    TestOfficer("outi.lupavirkailija@poliisi.test", "Outi", "Lupavirkailija", "police",
                ("luppa-officer",), "poliisin lupavirkailija / polisens tillståndshandläggare"),
    TestOfficer("mikael.migri@migri.test", "Mikael", "Migri", "migri",
                ("luppa-officer",), "Maahanmuuttoviraston virkailija / Migris handläggare"),
    TestOfficer("aila.paakayttaja@poliisi.test", "Aila", "Pääkäyttäjä", "police",
                ("luppa-admin",), "poliisin pääkäyttäjä / polisens huvudanvändare"),
    TestOfficer("teppo.tavallinen@poliisi.test", "Teppo", "Tavallinen", "police",
                (), "poliisin työntekijä ilman Luppa-roolia / utan Luppa-roll"),
]  # fmt: skip


def issuer(request: HttpRequest) -> str:
    if settings.OFFICER_OIDC_ISSUER:
        return settings.OFFICER_OIDC_ISSUER
    return f"{request.scheme}://{request.get_host()}{PATH}"


def claims_for(officer: TestOfficer) -> dict[str, object]:
    return {
        "sub": officer.sub,
        "name": officer.name,
        "given_name": officer.given_name,
        "family_name": officer.family_name,
        "email": officer.sub,
        settings.OFFICER_OIDC_ORG_CLAIM: officer.organisation,
        settings.OFFICER_OIDC_ROLES_CLAIM: list(officer.roles),
    }


def _private_key():
    key_path, _cert = test_keypair("fake-oidc")
    return _loaded_key(key_path.read_bytes())


@lru_cache(maxsize=4)
def _loaded_key(pem: bytes):
    """The key parsed once per distinct file content: loading an RSA key checks it, which
    costs tens of milliseconds, and every token and JWKS answer needs it."""
    return serialization.load_pem_private_key(pem, password=None)


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _client_ok(request: HttpRequest) -> bool:
    """client_secret_basic or client_secret_post, as the registered client."""
    client_id = request.POST.get("client_id", "")
    secret = request.POST.get("client_secret", "")
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        try:
            client_id, _sep, secret = base64.b64decode(header[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
    return secrets.compare_digest(client_id, settings.OFFICER_OIDC_CLIENT_ID) and (
        secrets.compare_digest(secret, settings.OFFICER_OIDC_CLIENT_SECRET)
    )


@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    """The provider's sign-in page: choose a test officer (GET), then back with a code."""
    data = request.GET if request.method == "GET" else request.POST
    params = {
        k: data.get(k, "")
        for k in ("response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
                  "code_challenge", "code_challenge_method")
    }  # fmt: skip
    if params["client_id"] != settings.OFFICER_OIDC_CLIENT_ID or params["response_type"] != "code":
        return _bad("unknown client or response type")
    if "openid" not in params["scope"].split():
        return _bad("scope must include openid")
    # PKCE is required: a code without a challenge could be redeemed by whoever steals it.
    if params["code_challenge_method"] != "S256" or len(params["code_challenge"]) < 43:
        return _bad("PKCE with S256 is required")
    redirect = urlsplit(params["redirect_uri"])
    if redirect.netloc != request.get_host() or redirect.scheme not in ("http", "https"):
        return _bad("redirect_uri is not registered")
    if request.method == "GET":
        return render(
            request,
            "fake_oidc/authorize.html",
            {"params": params, "officers": list(enumerate(TEST_OFFICERS))},
        )
    try:
        officer = TEST_OFFICERS[int(request.POST.get("officer", ""))]
    except (ValueError, IndexError):
        return _bad("choose a test officer")
    code = secrets.token_urlsafe(32)
    cache.set(f"{CACHE_PREFIX}code:{code}", {**params, "sub": officer.sub}, CODE_TTL)
    query = urlencode({"code": code, "state": params["state"]})
    return HttpResponseRedirect(f"{params['redirect_uri']}?{query}")


def _bad(reason: str) -> HttpResponseBadRequest:
    """A refusal the browser shows as a (minimal, accessible) page."""
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Bad request – test sign-in</title></head><body><main>"
        f"<h1>Bad request</h1><p>{reason}</p></main></body></html>"
    )
    return HttpResponseBadRequest(page)


def _error(error: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": error}, status=status)


@csrf_exempt  # a server-to-server call authenticated by the client secret
@require_POST
def token(request: HttpRequest) -> JsonResponse:
    if not _client_ok(request):
        return _error("invalid_client", 401)
    if request.POST.get("grant_type") != "authorization_code":
        return _error("unsupported_grant_type")
    code = request.POST.get("code", "")
    key = f"{CACHE_PREFIX}code:{code}"
    grant = cache.get(key)
    # Single use: a second redemption fails even within the code's lifetime.
    if not grant or not cache.delete(key):
        return _error("invalid_grant")
    if request.POST.get("redirect_uri") != grant["redirect_uri"]:
        return _error("invalid_grant")
    verifier = request.POST.get("code_verifier", "")
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    if not verifier or not secrets.compare_digest(challenge.decode(), grant["code_challenge"]):
        return _error("invalid_grant")
    officer = next(o for o in TEST_OFFICERS if o.sub == grant["sub"])
    now = int(time.time())
    id_token = jwt.encode(
        {
            "iss": issuer(request),
            "aud": settings.OFFICER_OIDC_CLIENT_ID,
            "sub": officer.sub,
            "iat": now,
            "exp": now + TOKEN_TTL,
            "nonce": grant["nonce"],
            "name": officer.name,
        },
        _private_key(),
        algorithm="RS256",
        headers={"kid": KEY_ID},
    )
    access_token = secrets.token_urlsafe(32)
    cache.set(f"{CACHE_PREFIX}access:{access_token}", officer.sub, TOKEN_TTL)
    return JsonResponse(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": TOKEN_TTL,
            "id_token": id_token,
        }
    )


@require_GET
def userinfo(request: HttpRequest) -> JsonResponse:
    header = request.headers.get("Authorization", "")
    sub = cache.get(f"{CACHE_PREFIX}access:{header[7:]}") if header.startswith("Bearer ") else None
    if sub is None:
        return _error("invalid_token", 401)
    officer = next(o for o in TEST_OFFICERS if o.sub == sub)
    return JsonResponse(claims_for(officer))


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    public = _private_key().public_key().public_numbers()
    key = {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": KEY_ID,
           "n": _b64(public.n), "e": _b64(public.e)}  # fmt: skip
    return JsonResponse({"keys": [key]})


@require_GET
def configuration(request: HttpRequest) -> HttpResponse:
    base = issuer(request).rstrip("/")
    document = {
        "issuer": issuer(request),
        "authorization_endpoint": f"{base}/authorize/",
        "token_endpoint": f"{base}/token/",
        "userinfo_endpoint": f"{base}/userinfo/",
        "jwks_uri": f"{base}/jwks/",
        "response_types_supported": ["code"],
        "code_challenge_methods_supported": ["S256"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
    }
    return HttpResponse(json.dumps(document), content_type="application/json")
