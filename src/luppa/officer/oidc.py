"""Officers' and administrators' own sign-in: their organisation's OpenID Connect provider.

On mozilla-django-oidc: the authorization code flow with PKCE (S256), an RS256 ID token
checked against the provider's JWKS, and here also its issuer, audience and expiry (the
library checks only the signature and the nonce). The organisation and the Luppa role come
from claims (settings.OFFICER_OIDC_ORG_CLAIM, OFFICER_OIDC_ROLES_CLAIM), never from a choice on
a page; each sign-in brings the officer record up to date with them. An administrator's local
deactivation still wins over the claims.

The provider is whatever the OIDC_OP_* settings name; outside production, when they are
empty, it is the local fake provider mounted at /fake-oidc/ (luppa.integrations.fake_oidc).
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from ..accounts.middleware import OFFICER_SESSION_KEY, SESSION_KEY
from ..accounts.models import User
from ..core.crypto import keyed_hash
from .models import Officer, Organisation

log = logging.getLogger(__name__)

FAKE_PATH = "/fake-oidc/"


def officer_key(subject: str) -> str:
    """The officer's user name: a keyed hash of the provider's issuer and subject."""
    # "staff-oidc" is part of every stored officer user name: changing it would orphan them.
    return keyed_hash("staff-oidc", f"{settings.OFFICER_OIDC_ISSUER or 'fake'}|{subject}")


def role_from(claims: dict) -> tuple[str, str] | None:
    """(organisation, role) from the claims, or None when they give no Luppa role."""
    organisation = claims.get(settings.OFFICER_OIDC_ORG_CLAIM)
    roles = claims.get(settings.OFFICER_OIDC_ROLES_CLAIM) or []
    if isinstance(roles, str):
        roles = roles.split()
    if organisation not in Organisation.values:
        return None
    values = settings.OFFICER_OIDC_ROLE_VALUES
    granted = [values[r] for r in roles if r in values]
    if not granted:
        return None
    # Administrators can do what officers can; the higher role wins.
    role = Officer.Role.ADMIN if Officer.Role.ADMIN in granted else Officer.Role.OFFICER
    return organisation, role


def _fake_base(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}{FAKE_PATH}"


class OfficerOIDCBackend(OIDCAuthenticationBackend):
    """Authenticates officers from the provider's tokens; keeps their officer record current."""

    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET:
            return None  # not an OIDC callback: other backends' business
        if not settings.OIDC_OP_TOKEN_ENDPOINT and settings.FAKE_OIDC_ENABLED:
            base = _fake_base(request)
            self.OIDC_OP_TOKEN_ENDPOINT = f"{base}token/"
            self.OIDC_OP_USER_ENDPOINT = f"{base}userinfo/"
            self.OIDC_OP_JWKS_ENDPOINT = f"{base}jwks/"
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        expected = settings.OFFICER_OIDC_ISSUER or _fake_base(self.request)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != expected:
            raise SuspiciousOperation("ID token from another issuer")
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        if not isinstance(payload.get("exp"), int) or payload["exp"] < time.time() - 60:
            raise SuspiciousOperation("expired ID token")
        return payload

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub")) and role_from(claims) is not None

    def filter_users_by_claims(self, claims):
        return User.objects.filter(username=officer_key(claims["sub"]))

    @transaction.atomic
    def create_user(self, claims) -> User:
        user = User(username=officer_key(claims["sub"]), full_name=_name(claims))
        user.set_unusable_password()
        user.save()
        return self._sync_officer(user, claims)

    @transaction.atomic
    def update_user(self, user: User, claims) -> User:
        if user.full_name != _name(claims):
            user.full_name = _name(claims)
            user.save(update_fields=["full_name"])
        return self._sync_officer(user, claims)

    def _sync_officer(self, user: User, claims) -> User:
        organisation, role = role_from(claims)
        officer, created = Officer.objects.get_or_create(
            user=user, defaults={"name": user.full_name, "organisation": organisation, "role": role}
        )
        if not created:
            if not officer.active:
                raise SuspiciousOperation("officer deactivated in Luppa")
            changed = {"name": user.full_name, "organisation": organisation, "role": role}
            if any(getattr(officer, k) != v for k, v in changed.items()):
                for k, v in changed.items():
                    setattr(officer, k, v)
                officer.save(update_fields=list(changed))
        return user


def _name(claims: dict) -> str:
    name = claims.get("name") or f"{claims.get('given_name', '')} {claims.get('family_name', '')}"
    return str(name).strip()[:200]


class OfficerLoginView(OIDCAuthenticationRequestView):
    """Sends the officer to the organisation's provider (the fake one in development)."""

    def get(self, request):
        if not settings.OIDC_OP_AUTHORIZATION_ENDPOINT and settings.FAKE_OIDC_ENABLED:
            self.OIDC_OP_AUTH_ENDPOINT = f"{_fake_base(request)}authorize/"
        return super().get(request)


class OfficerCallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: into the officer's pages, or a refusal and no session."""

    def get(self, request):
        try:
            return super().get(request)
        except SuspiciousOperation:
            # An unknown state (replayed or forged callback): the same refusal page.
            return self.login_failure()

    def login_success(self) -> HttpResponse:
        from ..audit.log import record

        super().login_success()
        officer = Officer.objects.get(user=self.user, active=True)
        self.request.session.pop(SESSION_KEY, None)
        self.request.session[OFFICER_SESSION_KEY] = officer.pk
        self.request.officer = officer
        record(
            self.request,
            "officer.login",
            query={"organisation": officer.organisation, "role": officer.role},
        )
        return redirect("officer:home")

    def login_failure(self) -> HttpResponse:
        from django.contrib.auth import logout

        logout(self.request)
        return render(self.request, "officer/login_failed.html", status=403)
