"""Administrators' pages: officers, and photographer accounts (suspend, restore).

An administrator manages the officers of their own organisation only. Officers are added
by HETU, which becomes the same keyed hash a Suomi.fi login produces; the code itself is
never stored or logged. Suspending an account (manual §2: rights may be revoked after
misuse) keeps its users able to log in and read, but not to submit or change anything.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..accounts import actions
from ..accounts.decorators import officer_required
from ..accounts.models import Account, AccountAccess, ApiKey, account_pks_by_name
from ..audit.log import record
from ..core.person_id import InvalidPersonId, normalise_hetu
from ..photos.models import Photo
from ..reports.models import PhotoStat
from . import services
from .forms_admin import AccountSearchForm, OfficerAddForm, OfficerEditForm, ReasonForm
from .models import Officer

PER_PAGE = 50

# --- officers ---------------------------------------------------------------------------------


@officer_required(admin=True)
@require_GET
def officer_list(request: HttpRequest) -> HttpResponse:
    # The names are ciphertext in the database: sorted here.
    members = sorted(
        Officer.objects.filter(organisation=request.officer.organisation),
        key=lambda m: (not m.active, m.name.casefold(), m.pk),
    )
    record(request, "officer.list", query={"organisation": request.officer.organisation})
    return render(request, "officer/admin_officer_list.html", {"members": members})


@sensitive_post_parameters("hetu")
@officer_required(admin=True)
@require_http_methods(["GET", "POST"])
def officer_add(request: HttpRequest) -> HttpResponse:
    form = OfficerAddForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                member = services.add_officer(
                    data["hetu"], data["name"], data["role"], request.officer, request
                )
            except services.OfficerRefused:
                form.add_error("hetu", _("Henkilöllä on jo virkailijan käyttöoikeus."))
            else:
                messages.success(
                    request,
                    _("%(name)s on lisätty. Käyttöoikeus on voimassa seuraavasta kirjautumisesta.")
                    % {"name": member.name},
                )
                return redirect("officer:officer_list")
        return _officer_form(request, form, status=400)
    return _officer_form(request, form)


@officer_required(admin=True)
@require_http_methods(["GET", "POST"])
def officer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(Officer, pk=pk, organisation=request.officer.organisation)
    shown_name = member.name
    data = request.POST if request.method == "POST" else None
    form = OfficerEditForm(data, instance=member, acting=request.officer)
    if request.method == "POST":
        if form.is_valid():
            if form.has_changed():
                form.save()
                record(
                    request,
                    "officer.change",
                    query={
                        # The audit trail's key since its first records (officer.services).
                        "staff": member.pk,
                        "changed": ",".join(form.changed_data),
                        "role": member.role,
                        "active": member.active,
                    },
                )
                messages.success(request, _("Virkailijan tiedot on tallennettu."))
            return redirect("officer:officer_list")
        return _officer_form(request, form, member=member, shown_name=shown_name, status=400)
    return _officer_form(request, form, member=member, shown_name=shown_name)


def _officer_form(
    request: HttpRequest,
    form: OfficerAddForm | OfficerEditForm,
    member: Officer | None = None,
    shown_name: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "member": member, "shown_name": shown_name}
    return render(request, "officer/admin_officer_form.html", context, status=status)


# --- photographer accounts --------------------------------------------------------------------


@officer_required(admin=True)
@require_GET
def accounts(request: HttpRequest) -> HttpResponse:
    form = AccountSearchForm(request.GET)
    found = Account.objects.all()
    criteria: dict[str, Any] = {}
    if form.is_valid():
        text = form.cleaned_data["q"].strip()
        if text:
            # The names are encrypted: they are found through their keyed index.
            found = Account.objects.filter(
                Q(pk__in=Account.objects.search(text)) | Q(business_id__icontains=text)
            )
            # A HETU typed in the box by mistake goes to the audit trail only as its hash.
            criteria["hetu" if _is_hetu(text) else "q"] = text
        if form.cleaned_data["suspended"]:
            found = found.filter(suspended_at__isnull=False)
            criteria["suspended"] = True
    # Alphabetical by name, sorted in Python (the database holds ciphertext); a page then
    # loads only its own rows.
    page = Paginator(account_pks_by_name(found), PER_PAGE).get_page(request.GET.get("page"))
    rows = Account.objects.in_bulk(page.object_list)
    page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    # A private account's name is a person's name: every listing is in the audit trail.
    record(request, "account.list", query={**criteria, "page": page.number})
    context = {
        "form": form,
        "page": page,
        "searched": bool(criteria),
    }
    return render(request, "officer/admin_accounts.html", context)


def _is_hetu(text: str) -> bool:
    try:
        normalise_hetu(text)
    except InvalidPersonId:
        return False
    return True


@officer_required(admin=True)
@require_GET
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(Account, pk=pk)
    record(request, "account.view", query={"account": account.pk})
    return _detail_page(request, account)


def _detail_page(
    request: HttpRequest, account: Account, form: ReasonForm | None = None, status: int = 200
) -> HttpResponse:
    if form is None:
        form = _reason_form(account)
    context = {
        # Not `account`: the layout reads that as the account the viewer acts in.
        "subject": account,
        "form": form,
        **_account_facts(account),
    }
    return render(request, "officer/admin_account_detail.html", context, status=status)


def _reason_form(account: Account, data: Any = None) -> ReasonForm:
    label = (
        _("Perustelu käyttöoikeuksien palauttamiselle")
        if account.suspended
        else _("Perustelu käyttöoikeuksien keskeyttämiselle")
    )
    confirm = None
    if not account.suspended:
        confirm = _(
            "Vahvistan, että käyttäjätilin %(name)s oikeudet keskeytetään: sen käyttäjät eivät "
            "voi lähettää kuvia ennen kuin oikeudet palautetaan."
        ) % {"name": account.name}
    return ReasonForm(data, label=label, confirm=confirm)


def _account_facts(account: Account) -> dict[str, Any]:
    """Counts only: what an administrator needs to judge misuse, without personal data."""
    photographers = account.photographers.aggregate(
        in_use=Count("pk", filter=Q(active=True)), removed=Count("pk", filter=Q(active=False))
    )
    photos = Photo.objects.filter(account=account).aggregate(
        drafts=Count("pk", filter=Q(state=Photo.State.DRAFT)),
        submitted=Count("pk", filter=Q(state=Photo.State.SUBMITTED)),
        pending=Count(
            "pk",
            filter=Q(state=Photo.State.SUBMITTED, evaluation=Photo.Evaluation.PENDING),
        ),
        approved=Count("pk", filter=Q(evaluation=Photo.Evaluation.APPROVED)),
        rejected=Count("pk", filter=Q(evaluation=Photo.Evaluation.REJECTED)),
    )
    # Statistics outlive the photos (deleted after six months): the account's whole history.
    since = timezone.now() - dt.timedelta(days=30)
    history = PhotoStat.objects.filter(account_id=account.pk).aggregate(
        total=Count("pk"),
        rejected=Count("pk", filter=Q(evaluation="rejected")),
        last_30_days=Count("pk", filter=Q(submitted_at__gte=since)),
    )
    access = AccountAccess.objects.filter(account=account).aggregate(
        users=Count("user", distinct=True), last=Max("at")
    )
    usable_keys = [k for k in account.api_keys.filter(revoked_at__isnull=True) if k.usable]
    events = account.suspension_changes.select_related("by__officer")[:20]
    return {
        "photographers": photographers,
        "photos": photos,
        "history": history,
        "access": access,
        "active_keys": len(usable_keys),
        "api_keys": usable_keys,
        "events": events,
    }


@officer_required(admin=True)
@require_POST
def revoke_api_key(request: HttpRequest, pk: int, key_pk: int) -> HttpResponse:
    """An administrator takes a studio's API key out of use (misuse, a leaked key)."""
    account = get_object_or_404(Account, pk=pk)
    key = ApiKey.objects.filter(pk=key_pk, account=account).first()
    query = {"account": account.pk, "key": key_pk}
    if key is not None and actions.revoke_api_key(key, request, by="admin", query=query):
        messages.success(request, _("API-avain on poistettu käytöstä."))
    return redirect("officer:account_detail", pk=account.pk)


@officer_required(admin=True)
@require_POST
def suspend(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_suspension(request, pk, suspend=True)


@officer_required(admin=True)
@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_suspension(request, pk, suspend=False)


def _change_suspension(request: HttpRequest, pk: int, suspend: bool) -> HttpResponse:
    account = get_object_or_404(Account, pk=pk)
    form = _reason_form(account, request.POST)
    if account.suspended == suspend:
        # A second click, or another administrator got there first: nothing to change.
        messages.info(
            request,
            _("Käyttäjätilin oikeudet on jo keskeytetty.")
            if suspend
            else _("Käyttäjätilin oikeudet ovat jo voimassa."),
        )
        return redirect("officer:account_detail", pk=account.pk)
    if not form.is_valid():
        return _detail_page(request, account, form, status=400)
    if not actions.change_suspension(account, suspend, form.cleaned_data["reason"], request):
        return redirect("officer:account_detail", pk=account.pk)
    messages.success(
        request,
        _("Käyttäjätilin oikeudet on keskeytetty.")
        if suspend
        else _("Käyttäjätilin oikeudet on palautettu."),
    )
    return redirect("officer:account_detail", pk=account.pk)
