"""Suomi.fi e-Authorizations for a company (YPA), as the account chooser uses it.

A person identified with a HETU asks to act for a company: the service registers a Web API
session with the person's HETU, sends the browser to the selection page, exchanges the code
for a token and reads `organizationRoles` (luppa.integrations.valtuudet). The chosen company
and the person's roles in it decide: a main representative (a trade register role such as
NIMKO) may open the company's account and act in it; a holder of the photographing mandate
(settings.VALTUUDET_MANDATE_ISSUE) may act in an account already opened.

The Web API session stays registered while the person acts for the company, so that the
roles can be read again (before each change and at least every 15 minutes, see
accounts.middleware); it is unregistered when the person leaves the company (logout, another
role, or a re-check that no longer holds). Only the session id and the token, encrypted, are
kept in our session; the HETU never is.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from ..core.crypto import InvalidToken, decrypt, encrypt, keyed_hash
from .identification import Identity
from .valtuudet import OrganizationRole, ValtuudetError, WebApiClient

PENDING_KEY = "luppa_ypa_pending"  # the Web API session id while the person is choosing
GRANT_KEY = "luppa_ypa"  # {"session", "token" (encrypted), "business_id", "name", "main"}


def person_key(hetu: str) -> str:
    return keyed_hash("person", hetu)


def identity_key(identity: Identity) -> str:
    """The user's keyed identity: by HETU, or for eIDAS users by their eIDAS identifier."""
    if identity.hetu:
        return person_key(identity.hetu)
    return keyed_hash("eidas", identity.eidas_id)


@dataclass(frozen=True)
class CompanyGrant:
    """What the person chose on the selection page, and what their roles let them do."""

    business_id: str
    name: str
    roles: tuple[str, ...]

    @property
    def main(self) -> bool:
        """A main representative: may open the company's account."""
        return any(r in settings.VALTUUDET_MAIN_ROLES for r in self.roles)

    @property
    def may_act(self) -> bool:
        return self.main or settings.VALTUUDET_MANDATE_ISSUE in self.roles


def client_for(request: HttpRequest) -> WebApiClient:
    """The real service at settings.VALTUUDET_URL, or else the local fake at this host."""
    base = settings.VALTUUDET_URL or f"{request.scheme}://{request.get_host()}/fake-valtuudet"
    return WebApiClient(base)


def begin(request: HttpRequest, identity: Identity, redirect_uri: str, lang: str) -> str:
    """Registers a YPA session for the person; returns the selection page's address."""
    if not identity.hetu:
        raise ValtuudetError("no HETU")  # eIDAS users cannot act for a Finnish company
    end(request)
    client = client_for(request)
    session_id, user_id = client.register(identity.hetu, "ypa")
    request.session[PENDING_KEY] = session_id
    return client.authorize_url(user_id, redirect_uri, lang)


def _grant(roles: list[OrganizationRole]) -> CompanyGrant | None:
    # The selection page lets one company be chosen; anything else is no grant at all.
    if len(roles) != 1:
        return None
    return CompanyGrant(roles[0].business_id, roles[0].name, roles[0].roles)


def complete(request: HttpRequest, code: str, redirect_uri: str) -> CompanyGrant | None:
    """Back from the selection: the code for a token, the roles read, the grant kept.

    Returns None when nothing usable was chosen (the session is then unregistered)."""
    session_id = request.session.pop(PENDING_KEY, None)
    client = client_for(request)
    if not session_id or not code:  # cancelled on the selection page, or never started
        if session_id:
            _unregister(client, session_id)
        return None
    try:
        token = client.token(code, redirect_uri)
        grant = _grant(client.organization_roles(session_id, token))
    except ValtuudetError:
        _unregister(client, session_id)
        raise
    if grant is None or not grant.may_act:
        _unregister(client, session_id)
        return grant
    request.session[GRANT_KEY] = {
        "session": session_id,
        "token": encrypt(token.encode(), "valtuudet").decode(),
        "business_id": grant.business_id,
        "name": grant.name,
        "roles": list(grant.roles),
    }
    return grant


def current(request: HttpRequest) -> CompanyGrant | None:
    """The grant read at the selection (not re-checked: see still_holds)."""
    state = request.session.get(GRANT_KEY)
    if not isinstance(state, dict):
        return None
    return CompanyGrant(state["business_id"], state["name"], tuple(state["roles"]))


def still_holds(request: HttpRequest, business_id: str) -> bool:
    """Reads the roles again in the kept Web API session: does the person still hold a role
    that lets them act for `business_id`? Any failure counts as no."""
    state = request.session.get(GRANT_KEY)
    if not isinstance(state, dict) or state.get("business_id") != business_id:
        return False
    try:
        token = decrypt(state["token"].encode(), "valtuudet").decode()
        grant = _grant(client_for(request).organization_roles(state["session"], token))
    except (ValtuudetError, InvalidToken, KeyError):
        return False
    if grant is None or grant.business_id != business_id or not grant.may_act:
        return False
    state["roles"] = list(grant.roles)
    request.session.modified = True
    return True


def end(request: HttpRequest) -> None:
    """Leaves the company: unregisters the kept Web API session, if any."""
    session = request.session
    state = session.pop(GRANT_KEY, None)
    pending = session.pop(PENDING_KEY, None)
    for session_id in (state or {}).get("session"), pending:
        if session_id:
            _unregister(client_for(request), session_id)


def _unregister(client: WebApiClient, session_id: str) -> None:
    # The service ends idle sessions itself; nothing of ours depends on this call.
    with contextlib.suppress(ValtuudetError):
        client.unregister(session_id, "ypa")
