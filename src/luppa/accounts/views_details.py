"""Own details (manual §7): contact details, named photographers and API keys (the studios
in the public directory are the directory's own pages, directory/views_studios.py).

Every change is a POST behind `can_submit` (a suspended account can read, not change), and
every object is looked up within the current account, so another account's id is a 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ..audit.log import record
from .decorators import account_required, can_submit
from .forms import ApiKeyForm, ContactForm, PhotographerForm
from .models import ApiKey, Photographer

BACK = "accounts:details"


@account_required
@require_GET
def details(request: HttpRequest) -> HttpResponse:
    account = request.account
    photographers = account.photographers.annotate(
        photo_count=Count("photos", filter=Q(photos__state="submitted"))
    ).order_by("name")
    context = {
        "photographers": [p for p in photographers if p.active],
        "removed_photographers": [p for p in photographers if not p.active],
        "studios": account.studios.order_by("municipality", "name"),
        "api_keys": account.api_keys.order_by("revoked_at", "-created_at"),
    }
    return render(request, "accounts/details.html", context)


def form_page(
    request: HttpRequest, form: forms.BaseForm, title: str, submit: str, intro: str = ""
) -> HttpResponse:
    context = {"form": form, "title": title, "submit": submit, "intro": intro}
    return render(request, "accounts/details_form.html", context)


def confirm_page(request: HttpRequest, title: str, question: str, submit: str) -> HttpResponse:
    context = {"title": title, "question": question, "submit": submit}
    return render(request, "accounts/details_confirm.html", context)


# --- contact details ----------------------------------------------------------------------------


@account_required
@can_submit
@require_http_methods(["GET", "POST"])
def edit_contact(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST or None, instance=request.account)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request, "account.contact.edit", query={"account": request.account.pk})
        messages.success(request, _("Yhteystiedot on tallennettu."))
        return redirect(BACK)
    return form_page(request, form, _("Muokkaa yhteystietoja"), _("Tallenna"))


# --- named photographers ------------------------------------------------------------------------


def _save_photographer(request: HttpRequest, form: PhotographerForm) -> bool:
    try:
        with transaction.atomic():
            form.save()
    except IntegrityError:
        # Another session added the same name between the check and the save.
        form.add_error("name", _("Tilillä on jo tämän niminen kuvaaja."))
        return False
    return True


@account_required
@can_submit
@require_http_methods(["GET", "POST"])
def add_photographer(request: HttpRequest) -> HttpResponse:
    form = PhotographerForm(request.POST or None, account=request.account)
    if request.method == "POST" and form.is_valid() and _save_photographer(request, form):
        record(request, "photographer.add", query={"photographer": form.instance.pk})
        messages.success(request, _("Kuvaaja %(name)s on lisätty.") % {"name": form.instance.name})
        return redirect(BACK)
    return form_page(request, form, _("Lisää kuvaaja"), _("Lisää kuvaaja"))


def _active_photographer(request: HttpRequest, pk: int) -> Photographer:
    return get_object_or_404(Photographer, pk=pk, account=request.account, active=True)


@account_required
@can_submit
@require_http_methods(["GET", "POST"])
def edit_photographer(request: HttpRequest, pk: int) -> HttpResponse:
    photographer = _active_photographer(request, pk)
    form = PhotographerForm(request.POST or None, instance=photographer, account=request.account)
    if request.method == "POST" and form.is_valid() and _save_photographer(request, form):
        record(request, "photographer.edit", query={"photographer": photographer.pk})
        messages.success(request, _("Kuvaajan tiedot on tallennettu."))
        return redirect(BACK)
    title = _("Muokkaa kuvaajaa %(name)s") % {"name": photographer.name}
    return form_page(request, form, title, _("Tallenna"))


@account_required
@can_submit
@require_http_methods(["GET", "POST"])
def remove_photographer(request: HttpRequest, pk: int) -> HttpResponse:
    photographer = _active_photographer(request, pk)
    with transaction.atomic():
        # Locked, so that two sessions cannot each remove one of the last two photographers.
        active = list(request.account.photographers.select_for_update().filter(active=True))
        if len(active) < 2:
            messages.error(
                request, _("Tilillä on oltava vähintään yksi kuvaaja: lisää ensin uusi.")
            )
            return redirect(BACK)
        if request.method == "POST":
            # Deactivated, not deleted: old photos and statistics still name the photographer.
            Photographer.objects.filter(pk=photographer.pk).update(active=False)
            record(request, "photographer.remove", query={"photographer": photographer.pk})
            messages.success(
                request, _("Kuvaaja %(name)s on poistettu.") % {"name": photographer.name}
            )
            return redirect(BACK)
    return confirm_page(
        request,
        _("Poista kuvaaja"),
        _("Poistetaanko kuvaaja %(name)s? Kuvaajan aiemmin lähettämät kuvat ja tilastot säilyvät.")
        % {"name": photographer.name},
        _("Poista kuvaaja"),
    )


# --- API keys for studio software ---------------------------------------------------------------

API_KEY_INTRO = gettext_lazy(
    "Kuvausohjelma voi tarkistaa ja lähettää kuvia tämän tilin nimissä API-avaimella. "
    "Avain näytetään vain kerran."
)


@account_required
@can_submit
@never_cache
@require_http_methods(["GET", "POST"])
def add_api_key(request: HttpRequest) -> HttpResponse:
    form = ApiKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key, secret = ApiKey.issue(
            request.account, form.cleaned_data["name"], created_by=request.user
        )
        record(request, "apikey.create", query={"key": key.lookup})
        # Shown on this response only: the secret is not stored, so it cannot be shown again.
        return render(request, "accounts/details_api_key.html", {"key": key, "secret": secret})
    return form_page(request, form, _("Luo API-avain"), _("Luo avain"), str(API_KEY_INTRO))


@account_required
@can_submit
@require_http_methods(["GET", "POST"])
def revoke_api_key(request: HttpRequest, pk: int) -> HttpResponse:
    key = get_object_or_404(ApiKey, pk=pk, account=request.account, revoked_at__isnull=True)
    if request.method == "POST":
        ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by="account"
        )
        record(request, "apikey.revoke", query={"key": key.lookup})
        messages.success(
            request, _("API-avain %(name)s on poistettu käytöstä.") % {"name": key.name}
        )
        return redirect(BACK)
    return confirm_page(
        request,
        _("Poista API-avain käytöstä"),
        _(
            "Poistetaanko API-avain %(name)s käytöstä? Sitä käyttävä ohjelma ei enää pääse "
            "palveluun. Poistoa ei voi perua."
        )
        % {"name": key.name},
        _("Poista käytöstä"),
    )
