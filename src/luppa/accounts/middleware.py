"""Puts the account the user acts in on `request.account` (None outside an account), ends
idle sessions, and re-checks a company mandate while the session lasts. The officer's role
(`request.officer`) is the officer side's own middleware (officer.middleware), run after this."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ..audit.log import record
from ..core.crypto import InvalidToken, decrypt
from ..integrations import authorizations
from ..integrations.identification import Identity
from .models import Account

SESSION_KEY = "luppa_account_id"
# The stored name predates "officer" and stays: renaming it would sign every officer out at
# the deploy that did it (their sessions hold this key), for no gain a user would notice.
OFFICER_SESSION_KEY = "luppa_staff_id"
LAST_SEEN_KEY = "luppa_last_seen"
MANDATE_CHECKED_KEY = "luppa_mandate_checked"
IDENTITY_KEY = "luppa_identity"  # set by accounts.views.sign_in (encrypted)
# Writing the session on every request costs a database write; a minute's precision will do.
LAST_SEEN_RESOLUTION = 60


class CurrentAccountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.account = None
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            if _idle(session):
                logout(request)
                messages.info(request, _("Istunto päättyi, koska palvelua ei käytetty hetkeen."))
                return redirect("accounts:login")
            if account_id := session.get(SESSION_KEY):
                request.account = Account.objects.filter(pk=account_id).first()
                if request.account is not None and not _mandate_holds(request):
                    # The mandate is gone (revoked, expired): the account's rights end now.
                    session.pop(SESSION_KEY, None)
                    request.account = None
                    messages.error(request, _("Valtuutuksen tarkistus ei sallinut valintaa."))
        return self.get_response(request)


def _idle(session) -> bool:
    now = int(time.time())
    last = session.get(LAST_SEEN_KEY)
    if isinstance(last, int) and now - last > settings.SESSION_IDLE_TIMEOUT:
        return True
    if not isinstance(last, int) or now - last >= LAST_SEEN_RESOLUTION:
        session[LAST_SEEN_KEY] = now
    return False


def _mandate_holds(request: HttpRequest) -> bool:
    """A company account is used on a mandate: re-read the person's roles from Suomi.fi
    e-Authorizations (in the Web API session kept since the selection) before every change
    (any unsafe request: a submission, details, API keys) and otherwise at least every
    settings.MANDATE_RECHECK_SECONDS."""
    account = request.account
    if account.kind != Account.Kind.COMPANY:
        return True
    session = request.session
    now = int(time.time())
    checked = session.get(MANDATE_CHECKED_KEY)
    fresh = isinstance(checked, int) and now - checked < settings.MANDATE_RECHECK_SECONDS
    if fresh and request.method in ("GET", "HEAD", "OPTIONS"):
        return True
    identity = session_identity(session)
    if identity is None:
        return False
    holds = authorizations.still_holds(request, account.business_id)
    # Who asked about whom, what and when: keyed hashes only, never the HETU or the name.
    record(
        request,
        "authorizations.recheck",
        query={"person": authorizations.person_key(identity.hetu)[:16] if identity.hetu else "",
               "business_id": account.business_id, "holds": holds},
    )  # fmt: skip
    if holds:
        session[MANDATE_CHECKED_KEY] = now
    else:
        authorizations.end(request)  # unregisters the Web API session
    return holds


def session_identity(session) -> Identity | None:
    """The identified person kept (encrypted) in the session by the sign-in."""
    token = session.get(IDENTITY_KEY)
    if not token:
        return None
    try:
        return Identity(**json.loads(decrypt(token.encode())))
    except (InvalidToken, TypeError, ValueError):
        return None
