from __future__ import annotations

import json
import time

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..audit.log import record
from ..core.crypto import encrypt
from ..integrations import authorizations
from ..integrations.identification import IdentificationFailed, Identity, provider
from ..integrations.trade_register import REFUSAL_TEXTS, refusal
from ..integrations.valtuudet import ValtuudetError
from . import services
from .middleware import (
    IDENTITY_KEY,
    MANDATE_CHECKED_KEY,
    OFFICER_SESSION_KEY,
    SESSION_KEY,
    session_identity,
)
from .models import Account

LOGOUT_STATE_KEY = "luppa_saml"  # the IdP, transient NameID and session index, for logout
REFUSED = gettext_lazy("Valtuutuksen tarkistus ei sallinut valintaa.")


def _safe_next(request: HttpRequest, target: str | None) -> str:
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return "/"


def _identity(request: HttpRequest) -> Identity | None:
    # The HETU stays encrypted in the session store too.
    return session_identity(request.session)


@require_http_methods(["GET", "POST"])
def login_page(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next"))
    if request.method == "POST":
        try:
            return provider().begin(request, next_url)
        except IdentificationFailed:
            messages.error(request, _("Tunnistautuminen ei ole käytettävissä."))
    return render(request, "accounts/login.html", {"next": next_url})


@csrf_exempt  # Suomi.fi posts the response from its own site; the SAML checks stand instead.
@require_POST
def callback(request: HttpRequest) -> HttpResponse:
    """The assertion consumer service: a checked SAML response, or a refusal and no session."""
    try:
        result = provider().complete(request)
    except IdentificationFailed:
        # Whatever was wrong (signature, expiry, audience, replay, unsolicited), the browser
        # gets the same page and leaves with no session at all.
        request.session.flush()
        return render(request, "accounts/identification_failed.html", status=403)
    sign_in(request, result.identity, result.relay, result.logout_state)
    return redirect("accounts:choose")


def sign_in(request: HttpRequest, identity: Identity, relay: str, logout_state: dict) -> None:
    """What a successful identification leaves in the session (tests' helpers use it too)."""
    user = services.user_for(identity)
    if request.user.is_authenticated and request.user.pk != user.pk:
        logout(request)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[IDENTITY_KEY] = encrypt(json.dumps(identity.__dict__).encode()).decode()
    request.session[LOGOUT_STATE_KEY] = logout_state
    request.session["luppa_next"] = _safe_next(request, relay)


@require_GET
def saml_logout(request: HttpRequest) -> HttpResponse:
    """Single logout: the IdP's request to end this session, or its answer to ours."""
    try:
        outcome = provider().handle_logout(request, request.session.get(LOGOUT_STATE_KEY))
    except IdentificationFailed:
        return render(request, "accounts/logout_failed.html", status=400)
    if outcome.end_session:
        logout(request)
    if outcome.response is not None:
        return outcome.response
    messages.success(request, _("Olet kirjautunut ulos."))
    return redirect("accounts:login")


# The chooser's officer button said "staff" until the officer side had one name; a chooser
# page left open over a deploy (or a script) still sends it. Kept for a release.
_CHOICE_ALIASES = {"staff": "officer"}


@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    identity = _identity(request)
    if identity is None or not request.user.is_authenticated:
        return redirect("accounts:login")
    choices = services.choices_for(request.user, identity)
    if request.method == "POST":
        if request.POST.get("choice") == "company":
            return _company_start(request, identity)
        wanted = request.POST.get("choice", "")
        wanted = _CHOICE_ALIASES.get(wanted, wanted)
        picked = next((c for c in choices if c.key == wanted), None)
        if picked is None:
            # Whatever the reason (no mandate, expired mandate), say only that it was refused.
            messages.error(request, REFUSED)
            return redirect("accounts:choose")
        if (
            picked.key == "self"
            and picked.account is None
            and (len(choices) > 1 or identity.hetu)
            and request.POST.get("confirm") != "yes"
        ):
            # Someone who could act for a company or as an officer opens a private account
            # only on purpose, never with the one click meant for another choice.
            return render(request, "accounts/confirm_private.html", _context(picked, identity))
        return _act_as(request, picked)
    # Right after the sign-in a single choice is taken without asking; acting for a company
    # is always offered beside it (on the confirmation page, or here from the header link).
    if len(choices) == 1 and "luppa_next" in request.session:
        only = choices[0]
        if only.key == "officer" or only.account is not None:
            return _act_as(request, only)  # one choice: nothing to ask
        if only.key == "self":
            context = {**_context(only, identity), "single": True}
            return render(request, "accounts/confirm_private.html", context)
    context = {"choices": choices, "company": bool(identity.hetu)}
    return render(request, "accounts/choose.html", context)


def _context(picked: services.Choice, identity: Identity) -> dict:
    return {"choice": picked, "single": False, "company": bool(identity.hetu)}


def _company_back_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("accounts:company_back"))


def _company_start(request: HttpRequest, identity: Identity) -> HttpResponse:
    """To Suomi.fi e-Authorizations' selection page: which company the person acts for."""
    if not identity.hetu:
        messages.error(request, REFUSED)  # eIDAS users cannot act for a Finnish company
        return redirect("accounts:choose")
    try:
        url = authorizations.begin(
            request, identity, _company_back_url(request), (get_language() or "fi")[:2]
        )
    except ValtuudetError:
        messages.error(request, _("Suomi.fi-valtuudet ei juuri nyt vastaa. Yritä myöhemmin."))
        return redirect("accounts:choose")
    _audit_query(request, identity, "authorizations.ypa.register", {})
    return redirect(url)


def _audit_query(request: HttpRequest, identity: Identity, action: str, what: dict) -> None:
    # Who asked about whom, what and when: keyed hashes only, never the HETU or the name.
    person = authorizations.person_key(identity.hetu)[:16] if identity.hetu else ""
    record(request, action, query={"person": person, **what})


@require_GET
def company_back(request: HttpRequest) -> HttpResponse:
    """Back from the selection page: the company and roles decide what the person may do."""
    identity = _identity(request)
    if identity is None or not request.user.is_authenticated:
        return redirect("accounts:login")
    try:
        grant = authorizations.complete(
            request, request.GET.get("code", ""), _company_back_url(request)
        )
    except ValtuudetError:
        messages.error(request, _("Suomi.fi-valtuudet ei juuri nyt vastaa. Yritä myöhemmin."))
        return redirect("accounts:choose")
    what = {"business_id": grant.business_id, "roles": list(grant.roles)} if grant else {}
    _audit_query(request, identity, "authorizations.ypa", {**what, "allowed": bool(grant)})
    if grant is None or not grant.may_act:
        messages.error(request, REFUSED)  # refused; never why
        return redirect("accounts:choose")
    account = Account.objects.filter(business_id=grant.business_id).first()
    if account is None and grant.main:
        return redirect("accounts:create_company", business_id=grant.business_id)
    if account is None:
        authorizations.end(request)
        messages.error(
            request, _("Yrityksen pääedustajan on ensin avattava yritykselle käyttäjätili.")
        )
        return redirect("accounts:choose")
    services.record_access(request.user, account, "main_representative" if grant.main
                           else "mandate")  # fmt: skip
    _enter_account(request, account)
    return redirect(request.session.pop("luppa_next", "/"))


def _enter_account(request: HttpRequest, account: Account) -> None:
    request.session.pop(OFFICER_SESSION_KEY, None)
    request.session[SESSION_KEY] = account.pk
    request.session[MANDATE_CHECKED_KEY] = int(time.time())  # just read from the service


def _act_as(request: HttpRequest, picked: services.Choice) -> HttpResponse:
    """Enters the picked role: the officer role or the person's own account."""
    authorizations.end(request)  # leaving a company, if the person acted for one
    if picked.key == "officer":
        return _enter_officer_role(request)
    account = picked.account or services.open_private_account(request.user)
    services.record_access(request.user, account, "self")
    _enter_account(request, account)
    return redirect(request.session.pop("luppa_next", "/"))


def _enter_officer_role(request: HttpRequest) -> HttpResponse:
    officer = request.user.officer
    request.session.pop(SESSION_KEY, None)
    request.session[OFFICER_SESSION_KEY] = officer.pk
    record(
        request, "officer.login", query={"organisation": officer.organisation, "role": officer.role}
    )
    request.session.pop("luppa_next", None)
    return redirect("officer:home")


class CompanyForm(forms.Form):
    studio_name = forms.CharField(
        label=gettext_lazy("Kuvakuitissa näkyvä studion nimi"), max_length=200
    )
    contact_person = forms.CharField(label=gettext_lazy("Yhteyshenkilö"), max_length=200)
    phone = forms.CharField(label=gettext_lazy("Puhelin"), max_length=30, required=False)
    email = forms.EmailField(label=gettext_lazy("Sähköposti"), required=False)


@require_http_methods(["GET", "POST"])
def create_company(request: HttpRequest, business_id: str) -> HttpResponse:
    """The main representative, just back from the selection page, opens the account."""
    identity = _identity(request)
    if identity is None or not request.user.is_authenticated:
        return redirect("accounts:login")
    grant = authorizations.current(request)
    if grant is None or grant.business_id != business_id or not grant.main:
        messages.error(request, REFUSED)
        return redirect("accounts:choose")
    if Account.objects.filter(business_id=business_id).exists():
        return redirect("accounts:choose")
    if reason := refusal("company", business_id):
        # Under the registered-business policy only photography companies open accounts.
        authorizations.end(request)
        messages.error(request, REFUSAL_TEXTS[reason])
        return redirect("accounts:choose")
    form = CompanyForm(request.POST or None, initial={"studio_name": grant.name})
    if request.method == "POST" and form.is_valid():
        account = services.open_company_account(grant, **form.cleaned_data)
        services.record_access(request.user, account, "main_representative")
        record(request, "account.open", query={"business_id": business_id})
        _enter_account(request, account)
        messages.success(request, _("Yrityksen käyttäjätili on avattu."))
        return redirect("accounts:details")
    return render(request, "accounts/create_company.html", {"form": form, "choice": grant})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Ends our session at once, then asks the IdP to end its own (single logout)."""
    state = request.session.get(LOGOUT_STATE_KEY) or {}
    authorizations.end(request)
    logout(request)
    try:
        at_idp = provider().logout(request, state) if state else None
    except IdentificationFailed:
        at_idp = None
    return at_idp or redirect("accounts:login")
