"""An account's own studios in the public directory (manual §7 and §8), edited on the
account's details page: every change is a POST behind `can_submit`, every studio looked up
within the current account (another account's id is a 404)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..accounts.decorators import account_required, can_submit
from ..accounts.views_details import BACK, confirm_page, form_page
from ..audit.log import record
from .forms import StudioForm
from .models import Studio


@account_required
@can_submit
@require_http_methods(["GET", "POST"])
def add_studio(request: HttpRequest) -> HttpResponse:
    form = StudioForm(request.POST or None, instance=Studio(account=request.account))
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request, "studio.add", query={"studio": form.instance.pk})
        messages.success(request, _("Kuvaamo on lisätty kuvaamoluetteloon."))
        return redirect(BACK)
    intro = _("Kuvaamo näkyy julkisessa kuvaamoluettelossa, josta asiakkaat voivat hakea sitä.")
    return form_page(request, form, _("Lisää kuvaamo"), _("Lisää kuvaamo"), intro)


@account_required
@can_submit
@require_http_methods(["GET", "POST"])
def edit_studio(request: HttpRequest, pk: int) -> HttpResponse:
    studio = get_object_or_404(Studio, pk=pk, account=request.account)
    form = StudioForm(request.POST or None, instance=studio)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request, "studio.edit", query={"studio": form.instance.pk})
        messages.success(request, _("Kuvaamon tiedot on tallennettu."))
        return redirect(BACK)
    title = _("Muokkaa kuvaamoa %(name)s") % {"name": studio.name}
    return form_page(request, form, title, _("Tallenna"))


@account_required
@can_submit
@require_http_methods(["GET", "POST"])
def remove_studio(request: HttpRequest, pk: int) -> HttpResponse:
    studio = get_object_or_404(Studio, pk=pk, account=request.account)
    if request.method == "POST":
        record(request, "studio.remove", query={"studio": studio.pk})
        studio.delete()
        messages.success(request, _("Kuvaamo on poistettu kuvaamoluettelosta."))
        return redirect(BACK)
    return confirm_page(
        request,
        _("Poista kuvaamo"),
        _("Poistetaanko kuvaamo %(name)s julkisesta kuvaamoluettelosta?") % {"name": studio.name},
        _("Poista kuvaamo"),
    )
