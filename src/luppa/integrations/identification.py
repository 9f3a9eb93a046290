"""Suomi.fi e-Identification behind one interface.

`begin(request, relay)` answers the redirect to the identity provider; the provider comes
back to our callback, where `complete(request)` returns the identified person or raises
IdentificationFailed. The test provider is a local page listing test persons (like
Suomi.fi's own test environment); its assertion is signed, short-lived and single-use.
The SAML 2.0 backend is added by the Suomi.fi issue behind this same interface.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from ..core.person_id import normalise_hetu

ASSERTION_MAX_AGE = 300


@dataclass(frozen=True)
class Identity:
    hetu: str  # urn:oid:1.2.246.21; used for the user's keyed hash, never stored in plain
    first_names: str
    last_name: str

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_name}".strip()


class IdentificationFailed(Exception):
    pass


class IdentityProvider(Protocol):
    def begin(self, request: HttpRequest, relay: str) -> HttpResponse: ...

    def complete(self, request: HttpRequest) -> tuple[Identity, str]: ...


@dataclass(frozen=True)
class TestPerson:
    hetu: str
    first_names: str
    last_name: str
    note: str


# Test persons with temporary (900-series) identity codes, as Suomi.fi's test service uses.
TEST_PERSONS = [
    TestPerson("010170-960F", "Pia", "Pikkarainen", "yksityinen valokuvaaja / privat fotograf"),
    TestPerson("150381-9012", "Kalle", "Kuvaamo", "Kuvaamo Oy:n pääedustaja / huvudföreträdare"),
    TestPerson("220790-924V", "Liisa", "Laine", "Kuvaamo Oy:n työntekijä (valtuutus)"),
    TestPerson("030303A9603", "Ville", "Virtanen", "ei valtuuksia / inga fullmakter"),
    TestPerson("120575-913K", "Outi", "Lupavirkailija", "poliisin lupavirkailija / polisen"),
    TestPerson("080885-957D", "Mikael", "Migri", "Maahanmuuttoviraston virkailija / Migri"),
    TestPerson("241166-932E", "Aila", "Pääkäyttäjä", "poliisin pääkäyttäjä / huvudanvändare"),
]


class TestIdentityProvider:
    """A local stand-in for Suomi.fi's test identification, for development and demos."""

    salt = "luppa.test-idp"

    def begin(self, request: HttpRequest, relay: str) -> HttpResponse:
        nonce = secrets.token_urlsafe(16)
        request.session["idp_nonce"] = nonce
        query = urlencode({"relay": relay, "nonce": nonce})
        return HttpResponseRedirect(f"{reverse('accounts:test_idp')}?{query}")

    def assertion(self, person: TestPerson, nonce: str) -> str:
        payload = {
            "hetu": person.hetu,
            "first": person.first_names,
            "last": person.last_name,
            "nonce": nonce,
            "id": secrets.token_urlsafe(12),
        }
        return signing.dumps(payload, salt=self.salt)

    def complete(self, request: HttpRequest) -> tuple[Identity, str]:
        token = request.POST.get("assertion") or request.GET.get("assertion", "")
        try:
            data = signing.loads(token, salt=self.salt, max_age=ASSERTION_MAX_AGE)
        except signing.BadSignature:
            raise IdentificationFailed("invalid or expired assertion") from None
        if data.get("nonce") != request.session.pop("idp_nonce", None):
            raise IdentificationFailed("assertion was not requested by this browser")
        # Single use: a replayed assertion is refused even within its lifetime.
        if not cache.add(f"idp-assertion:{data['id']}", 1, ASSERTION_MAX_AGE):
            raise IdentificationFailed("assertion already used")
        identity = Identity(normalise_hetu(data["hetu"]), data["first"], data["last"])
        return identity, request.POST.get("relay") or request.GET.get("relay", "")


def provider() -> IdentityProvider:
    if settings.IDENTIFICATION_BACKEND == "test":
        return TestIdentityProvider()
    raise IdentificationFailed(f"identification backend {settings.IDENTIFICATION_BACKEND!r}")
