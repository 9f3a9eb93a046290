"""My photos: a citizen's own permit photos, found by the HETU they were identified with.

A photographer gives the customer's HETU with the photo; the customer later signs in with
Suomi.fi and sees the photo IDs, studios, times and states of photos submitted with it (the
ID is what an online permit application asks for), and can have the receipt e-mailed to
themselves. Through Suomi.fi e-Authorizations (HPA) a guardian adds a minor dependant's
photos: the dependant's HETU is used once to make its keyed hash, which the session keeps
with the name; the HETU itself is not kept. eIDAS users have no HETU, so no photo can be
linked to them. Every listing, resend and e-Authorizations query is audited.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..accounts.middleware import session_identity
from ..audit.log import record
from ..core.person_id import hetu_hash
from ..core.photo_id import display
from ..integrations.authorizations import person_key
from ..integrations.valtuudet import ValtuudetError, WebApiClient
from . import signals
from .models import RETENTION, Photo

RESENDS_PER_HOUR = 5
DEPENDANTS_KEY = "luppa_dependants"  # [{"hash": keyed hash of the HETU, "name": ...}]
HPA_SESSION_KEY = "luppa_hpa_session"


class ResendForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Sähköpostiosoitteesi"), max_length=254)


def _own_photos(request: HttpRequest):
    """The photos of the identified person and of the dependants added this session."""
    identity = session_identity(request.session) if request.user.is_authenticated else None
    if identity is None:
        return None
    hashes = [d["hash"] for d in request.session.get(DEPENDANTS_KEY, [])]
    if identity.hetu:
        hashes.append(hetu_hash(identity.hetu))
    since = timezone.now() - RETENTION
    return (
        Photo.objects.filter(
            hetu_hash__in=hashes,
            state=Photo.State.SUBMITTED,
            submitted_at__gte=since,
        )
        .select_related("account")
        .defer("checks", "geometry", "guided_ticks", "hetu_ciphertext")
        .order_by("-submitted_at")
    )


@require_GET
def my_photos(request: HttpRequest) -> HttpResponse:
    photos = _own_photos(request)
    if photos is None:
        return redirect(f"/login/?next={request.path}")
    rows = list(photos)
    record(request, "mine.list", photos=rows)
    names = {d["hash"]: d["name"] for d in request.session.get(DEPENDANTS_KEY, [])}
    shown = [(p, display(p.photo_id), names.get(p.hetu_hash, "")) for p in rows]
    identity = session_identity(request.session)
    context = {"rows": shown, "form": ResendForm(), "can_add": bool(identity.hetu),
               "dependants": list(names.values())}  # fmt: skip
    return render(request, "photos/mine.html", context)


@require_POST
def resend(request: HttpRequest, photo_id: str) -> HttpResponse:
    photos = _own_photos(request)
    if photos is None:
        return redirect("/login/?next=/photos/mine/")
    photo = photos.filter(photo_id=photo_id).first()
    if photo is None:
        raise Http404
    form = ResendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Anna kelvollinen sähköpostiosoite."))
        return redirect("photos:mine")
    # A few resends an hour are plenty for a person; more would make this a mail cannon.
    key = f"luppa:mine-resend:{request.user.pk}"
    cache.add(key, 0, 3600)
    if cache.incr(key) > RESENDS_PER_HOUR:
        messages.error(request, _("Kuittia on pyydetty liian monta kertaa. Yritä myöhemmin."))
        return redirect("photos:mine")
    with transaction.atomic():
        # The outbox queues the e-mail (signals.py), in this transaction with the audit record.
        signals.receipt_requested.send(Photo, photo=photo, email=form.cleaned_data["email"])
        record(request, "mine.resend", photos=[photo])
    messages.success(request, _("Kuvakuitti lähetetään sähköpostiisi."))
    return redirect("photos:mine")


def _valtuudet(request: HttpRequest):
    base = settings.VALTUUDET_URL or f"{request.scheme}://{request.get_host()}/fake-valtuudet"
    return WebApiClient(base)


def _callback_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("photos:mine_dependants_back"))


@require_POST
def dependants_start(request: HttpRequest) -> HttpResponse:
    """To Suomi.fi e-Authorizations: whose photos (a minor dependant's) to add."""
    identity = session_identity(request.session) if request.user.is_authenticated else None
    if identity is None or not identity.hetu:
        return redirect("photos:mine")
    client = _valtuudet(request)
    try:
        session_id, user_id = client.register(identity.hetu, "hpa")
    except ValtuudetError:
        messages.error(request, _("Suomi.fi-valtuudet ei juuri nyt vastaa. Yritä myöhemmin."))
        return redirect("photos:mine")
    request.session[HPA_SESSION_KEY] = session_id
    lang = (get_language() or "fi")[:2]
    return redirect(client.authorize_url(user_id, _callback_url(request), lang))


@require_GET
def dependants_back(request: HttpRequest) -> HttpResponse:
    """Back from the selection: keep the allowed principals' keyed hashes for this session."""
    session_id = request.session.pop(HPA_SESSION_KEY, None)
    code = request.GET.get("code", "")
    if not session_id or not code or session_identity(request.session) is None:
        return redirect("photos:mine")
    client = _valtuudet(request)
    try:
        token = client.token(code, _callback_url(request))
        principals = client.delegate(session_id, token)
        allowed = [
            p
            for p in principals
            if client.authorized(session_id, token, p.person_id, settings.VALTUUDET_HPA_ISSUE)
        ]
        client.unregister(session_id, "hpa")
    except ValtuudetError:
        messages.error(request, _("Suomi.fi-valtuudet ei juuri nyt vastaa. Yritä myöhemmin."))
        return redirect("photos:mine")
    record(
        request,
        "authorizations.hpa",
        query={"principals": [person_key(p.person_id)[:16] for p in principals],
               "allowed": len(allowed)},
    )  # fmt: skip
    if not allowed:
        # Refused: say that it was, never why.
        messages.error(request, _("Valtuutuksen tarkistus ei sallinut valintaa."))
        return redirect("photos:mine")
    kept = {d["hash"]: d for d in request.session.get(DEPENDANTS_KEY, [])}
    for p in allowed:
        kept[hetu_hash(p.person_id)] = {"hash": hetu_hash(p.person_id), "name": p.name[:200]}
    request.session[DEPENDANTS_KEY] = list(kept.values())
    return redirect("photos:mine")
