"""The administrator's page for searching the audit trail (seed 004: every query logged).

The search is posted, not put in the URL: its term may be a HETU or a name. The term is
matched through its keyed hash, exactly as the trail keeps it, so the page finds every
search in which an officer, a photographer or a permit system typed that HETU or name, and
the trail itself never holds the term in clear. Each use of this page is audited too.

Scope: an administrator sees their own organisation's trail. Records made by the police's
or Migri's officers, administrators and application systems (X-Road) carry that
organisation. Records of the service itself (photographers, citizens, the studio API,
e-Authorizations queries, periodic jobs) carry none; they belong to the organisation that
runs the service (settings.AUDIT_OPERATOR_ORGANISATION, the police), whose administrators
see them too. The supervising authority gets the whole trail with `luppa audit export`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from ..accounts.decorators import officer_required
from ..audit.log import record, term_hash
from ..audit.models import AuditEvent
from ..core import photo_id as photo_ids

PER_PAGE = 50


class AuditSearchForm(forms.Form):
    term = forms.CharField(
        label=_("Hakusana (henkilötunnus tai nimi)"), max_length=100, required=False,
        help_text=_("Löytää haut, joissa on käytetty täsmälleen tätä henkilötunnusta tai nimeä."),
    )  # fmt: skip
    photo_id = forms.CharField(label=_("Kuvatunnus"), max_length=20, required=False)
    action = forms.CharField(label=_("Tapahtuma"), max_length=50, required=False,
                             help_text=_("Esimerkiksi officer.search tai xroad"))  # fmt: skip
    date_from = forms.DateField(label=_("Alkaen"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    date_to = forms.DateField(label=_("Päättyen"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip

    def clean_photo_id(self) -> str:
        value = self.cleaned_data["photo_id"].strip()
        if not value:
            return ""
        try:
            return photo_ids.normalise(value)
        except photo_ids.InvalidPhotoId:
            raise forms.ValidationError(_("Tarkista kuvatunnus.")) from None

    def clean_term(self) -> str:
        return self.cleaned_data["term"].replace("\x00", "").strip()


def _day(date: dt.date, days: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(date + dt.timedelta(days=days), dt.time()))


def scope(organisation: str) -> Q:
    """The records an administrator of `organisation` may search."""
    own = Q(organisation=organisation)
    if organisation == settings.AUDIT_OPERATOR_ORGANISATION:
        own |= Q(organisation="")
    return own


def _events(data: dict[str, Any], organisation: str) -> Any:
    events = (
        AuditEvent.objects.filter(scope(organisation))
        .select_related("actor")
        .order_by("-at", "-pk")
    )
    if data.get("term"):
        events = events.filter(term_hashes__contains=term_hash(data["term"]))
    if data.get("photo_id"):
        # The JSON list holds the ID as a quoted string: a plain text match finds it.
        events = events.filter(photo_ids__icontains=f'"{data["photo_id"]}"')
    if data.get("action"):
        events = events.filter(action__startswith=data["action"].strip())
    if data.get("date_from"):
        events = events.filter(at__gte=_day(data["date_from"]))
    if data.get("date_to"):
        events = events.filter(at__lt=_day(data["date_to"], 1))
    return events


@sensitive_post_parameters("term")
@officer_required(admin=True)
@never_cache
@require_http_methods(["GET", "POST"])
def audit_search(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.POST if request.method == "POST" else None)
    page = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            organisation = request.officer.organisation
            page = Paginator(_events(data, organisation), PER_PAGE).get_page(
                request.POST.get("page")
            )
            # Read the page before this search is itself recorded (it would match itself).
            page.object_list = list(page.object_list)
            query = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}
            record(
                request,
                "audit.search",
                query={**query, "scope": organisation, "page": page.number},
            )
        else:
            status = 400
    return render(request, "officer/admin_audit.html", {"form": form, "page": page}, status=status)
