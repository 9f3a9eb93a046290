"""My photos: a citizen's own permit photos, found by the HETU they were identified with.

A photographer gives the customer's HETU with the photo; the customer later signs in with
Suomi.fi and sees the photo IDs, studios, times and states of photos submitted with it (the
ID is what an online permit application asks for), and can have the receipt e-mailed to
themselves. eIDAS users have no HETU, so no photo can be linked to them. Every listing and
resend is audited.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ..accounts.middleware import session_identity
from ..core.person_id import hetu_hash
from ..core.photo_id import display
from .models import RETENTION, Photo

RESENDS_PER_HOUR = 5


class ResendForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Sähköpostiosoitteesi"), max_length=254)


def _own_photos(request: HttpRequest):
    identity = session_identity(request.session) if request.user.is_authenticated else None
    if identity is None:
        return None
    if not identity.hetu:
        return Photo.objects.none()
    since = timezone.now() - RETENTION
    return (
        Photo.objects.filter(
            hetu_hash=hetu_hash(identity.hetu),
            state=Photo.State.SUBMITTED,
            submitted_at__gte=since,
        )
        .select_related("account")
        .defer("checks", "geometry", "guided_ticks", "hetu_ciphertext")
        .order_by("-submitted_at")
    )


@require_GET
def my_photos(request: HttpRequest) -> HttpResponse:
    from ..audit.log import record

    photos = _own_photos(request)
    if photos is None:
        return redirect(f"/login/?next={request.path}")
    rows = list(photos)
    record(request, "mine.list", photos=rows)
    shown = [(p, display(p.photo_id)) for p in rows]
    return render(request, "photos/mine.html", {"rows": shown, "form": ResendForm()})


@require_POST
def resend(request: HttpRequest, photo_id: str) -> HttpResponse:
    from ..audit.log import record
    from ..outbox.receipts import queue_receipt_email

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
        queue_receipt_email(photo, form.cleaned_data["email"])
        record(request, "mine.resend", photos=[photo])
    messages.success(request, _("Kuvakuitti lähetetään sähköpostiisi."))
    return redirect("photos:mine")
