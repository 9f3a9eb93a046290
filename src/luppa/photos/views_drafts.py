"""Unfinished photos: a list to resume or discard them (drafts are kept for a day)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..accounts.decorators import account_required, can_submit
from ..audit.log import record
from . import services
from .models import Photo


@account_required
def drafts(request: HttpRequest) -> HttpResponse:
    found = services.open_drafts(request.account)
    # The list shows customers' names: a read of personal data, so it is audited.
    record(request, "draft.list", photos=[p.pk for p in found])
    return render(request, "photos/drafts.html", {"drafts": found})


@account_required
@can_submit
@require_http_methods(["GET", "POST"])
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    photo = get_object_or_404(
        Photo.objects.select_related("photographer"), pk=pk, account=request.account
    )
    if photo.state != Photo.State.DRAFT:
        return redirect("photos:receipt", photo_id=photo.photo_id)
    if request.method == "POST":
        services.discard_draft(photo)
        record(request, "draft.discard", photos=[pk])
        messages.success(request, _("Keskeneräinen kuva on poistettu."))
        return redirect("photos:drafts")
    return render(request, "photos/discard.html", {"photo": photo})
