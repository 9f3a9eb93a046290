"""Sent photos: newest first, tabs by status, search, details with the officer's feedback."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from ..accounts.decorators import account_required
from ..audit.log import record
from ..core import photo_id as photo_ids
from . import again
from .guides import guide_lines
from .models import Photo, PhotoImage
from .search import HEAVY_FIELDS, SentSearchForm, find_sent_photos, status_counts
from .visibility import VISIBLE_AFTER_EVALUATION, image_visible, personal_data_visible

PAGE_SIZE = 50

TABS = [
    ("", _("Kaikki")),
    (Photo.Evaluation.PENDING, _("Ei arvioitu")),
    (Photo.Evaluation.APPROVED, _("Hyväksytyt")),
    (Photo.Evaluation.REJECTED, _("Hylätyt")),
]


class _CountedPaginator(Paginator):
    """A paginator told the total, which the tab counts have already computed."""

    def __init__(self, object_list: object, per_page: int, total: int) -> None:
        super().__init__(object_list, per_page)
        self._total = total

    @cached_property
    def count(self) -> int:
        return self._total


@dataclass(frozen=True)
class SentRow:
    photo: Photo
    shown_id: str
    personal_visible: bool
    image_visible: bool
    new_feedback: bool


def _row(photo: Photo, now: dt.datetime) -> SentRow:
    return SentRow(
        photo=photo,
        shown_id=photo_ids.display(photo.photo_id),
        personal_visible=personal_data_visible(photo, now),
        image_visible=image_visible(photo, now),
        new_feedback=photo.evaluation != Photo.Evaluation.PENDING
        and photo.feedback_seen_at is None,
    )


def _url_with(request: HttpRequest, **changes: str | None) -> str:
    """This page's URL with some query parameters replaced (None or "" drops one)."""
    query = request.GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value:
            query[key] = value
    return f"{request.path}?{query.urlencode()}" if query else request.path


@account_required
@require_GET
def sent_photos(request: HttpRequest) -> HttpResponse:
    account = request.account
    now = timezone.now()
    form = SentSearchForm(request.GET, account=account)
    page = None
    current = None
    if form.is_valid():
        criteria = form.criteria()
        current = criteria.status
        counts = status_counts(find_sent_photos(account, criteria.without_status(), now=now))
        found = find_sent_photos(account, criteria, now=now)
        paginator = _CountedPaginator(found, PAGE_SIZE, counts[criteria.status or "all"])
        page = paginator.get_page(request.GET.get("page"))
        rows = [_row(photo, now) for photo in page.object_list]
        _mark_feedback_seen([r.photo.pk for r in rows if r.new_feedback], now)
    else:
        counts = status_counts(find_sent_photos(account, now=now))
        rows = []
    tabs = [
        {
            "label": label,
            "count": counts[value or "all"],
            "url": _url_with(request, status=value, page=None),
            "current": value == current,
        }
        for value, label in TABS
    ]
    searched = any(request.GET.get(name) for name in form.fields if name != "status")
    record(request, "sent.list", photos=page.object_list if page else (), query=request.GET.dict())
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "tabs": tabs,
        "searched": searched,
    }
    return render(request, "photos/sent.html", context)


def _mark_feedback_seen(pks: list[int], now: dt.datetime) -> None:
    """The front page's badge counts feedback not yet shown: the list shows the outcome, the
    reasons and the message (this once still marked "Uusi"), and so does the detail page."""
    if pks:
        Photo.objects.filter(pk__in=pks).mark_feedback_seen(now)


@account_required
@require_POST
def send_again(request: HttpRequest, photo_id: str) -> HttpResponse:
    """New photo for the customer of a rejected photo: the fields travel in the session."""
    try:
        canonical = photo_ids.normalise(photo_id)
    except photo_ids.InvalidPhotoId:
        raise Http404 from None
    photo = get_object_or_404(
        Photo.objects.select_related("latest_decision").defer(*HEAVY_FIELDS),
        account=request.account,
        state=Photo.State.SUBMITTED,
        photo_id=canonical,
    )
    if not again.can_send_again(photo):
        raise Http404
    again.remember(request, photo)
    return redirect("photos:new")


@account_required
@require_GET
def sent_detail(request: HttpRequest, photo_id: str) -> HttpResponse:
    try:
        canonical = photo_ids.normalise(photo_id)
    except photo_ids.InvalidPhotoId:
        raise Http404 from None
    photo = get_object_or_404(
        Photo.objects.select_related("photographer", "latest_decision").defer(*HEAVY_FIELDS),
        account=request.account,
        state=Photo.State.SUBMITTED,
        photo_id=canonical,
    )
    now = timezone.now()
    if photo.evaluation != Photo.Evaluation.PENDING and photo.feedback_seen_at is None:
        _mark_feedback_seen([photo.pk], now)
    record(request, "sent.view", photos=[photo])
    decision = photo.latest_decision
    visible_until = decision.at + VISIBLE_AFTER_EVALUATION if decision else None
    # The stored size, for the guide lines (500×653 for a photo that passed the size check).
    size = PhotoImage.objects.filter(photo=photo).values_list("width", "height").first()
    context = {
        "photo": photo,
        "shown_id": photo_ids.display(photo.photo_id),
        "personal_visible": personal_data_visible(photo, now),
        "image_visible": image_visible(photo, now),
        "guides": guide_lines(photo.geometry, *(size or (500, 653))),
        "visible_until": visible_until,
        "can_send_again": again.can_send_again(photo),
    }
    return render(request, "photos/sent_detail.html", context)
