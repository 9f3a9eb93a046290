"""Suomi.fi e-Identification behind one interface.

`begin(request, relay)` answers the redirect to the identity provider; the provider comes
back to our assertion consumer service, where `complete(request)` returns the identified
person or raises IdentificationFailed. `logout` and `handle_logout` carry single logout
both ways. The implementation is named by a dotted path in settings.IDENTIFICATION_BACKEND:
the SAML 2.0 service provider (`luppa.integrations.suomifi`) talks to Suomi.fi in
production and to the local fake IdP (`luppa.integrations.fake_idp`) in development and
tests, over the same protocol.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Identity:
    hetu: str  # urn:oid:1.2.246.21; used for the user's keyed hash, never stored in plain
    first_names: str
    last_name: str
    # eIDAS users (identified with another EU country's eID) have no HETU but this identifier.
    eidas_id: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_name}".strip()

    @property
    def is_eidas(self) -> bool:
        return not self.hetu and bool(self.eidas_id)


@dataclass(frozen=True)
class Identification:
    """A successful sign-in: who, where to go next, and what single logout needs later."""

    identity: Identity
    relay: str
    logout_state: dict = field(default_factory=dict)


class IdentificationFailed(Exception):
    pass


class IdentityProvider(Protocol):
    def begin(self, request: HttpRequest, relay: str) -> HttpResponse: ...

    def complete(self, request: HttpRequest) -> Identification: ...

    def logout(self, request: HttpRequest, logout_state: dict) -> HttpResponse | None:
        """Start single logout at the IdP (the local session is already gone), or None."""
        ...

    def handle_logout(self, request: HttpRequest, logout_state: dict | None) -> LogoutOutcome:
        """A logout message from the IdP: its request to end our session, or its answer."""
        ...


@dataclass(frozen=True)
class LogoutOutcome:
    response: HttpResponse | None  # what to send back to the IdP (its request), if anything
    end_session: bool  # the IdP asked us to end this browser's session
    completed: bool  # our own logout request was answered with success


@dataclass(frozen=True)
class TestPerson:
    hetu: str
    first_names: str
    last_name: str
    note: str
    eidas_id: str = ""


# Test persons with temporary (900-series) identity codes, as Suomi.fi's test service uses.
# The fake IdP offers them; the demo data gives them their accounts, mandates and roles.
TEST_PERSONS = [
    TestPerson("010170-960F", "Pia", "Pikkarainen", "yksityinen valokuvaaja / privat fotograf"),
    TestPerson("150381-9012", "Kalle", "Kuvaamo", "Kuvaamo Oy:n pääedustaja / huvudföreträdare"),
    TestPerson("220790-924V", "Liisa", "Laine", "Kuvaamo Oy:n työntekijä (valtuutus)"),
    TestPerson("030303A9603", "Ville", "Virtanen", "ei valtuuksia / inga fullmakter"),
    TestPerson("120575-913K", "Outi", "Lupavirkailija", "poliisin lupavirkailija / polisen"),
    TestPerson("080885-957D", "Mikael", "Migri", "Maahanmuuttoviraston virkailija / Migri"),
    TestPerson("241166-932E", "Aila", "Pääkäyttäjä", "poliisin pääkäyttäjä / huvudanvändare"),
    # An eIDAS user: identified with a Swedish eID, no HETU.
    TestPerson(
        "",
        "Astrid",
        "Lindqvist",
        "eIDAS (Ruotsi / Sverige), ei henkilötunnusta",
        eidas_id="SE/FI/199001012384",
    ),
]


def provider() -> IdentityProvider:
    return import_string(settings.IDENTIFICATION_BACKEND)()
