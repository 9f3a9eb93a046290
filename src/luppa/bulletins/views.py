"""Bulletins: reading (everyone logged in) and publishing (administrators)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..accounts.decorators import officer_required
from ..audit.log import record
from . import services
from .forms import BulletinForm
from .models import Bulletin

PER_PAGE = 50


def reader_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Photographers acting in an account, and officers; others log in or choose first."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(f"/login/?next={request.get_full_path()}")
        if request.account is None and request.officer is None:
            return redirect("accounts:choose")
        return view(request, *args, **kwargs)

    return wrapper


@reader_required
@require_GET
def bulletin_list(request: HttpRequest) -> HttpResponse:
    bulletins = services.current_for(request.user)
    return render(request, "bulletins/list.html", {"bulletins": bulletins})


@reader_required
@require_GET
def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = services.current_for(request.user).filter(pk=pk).first()
    if bulletin is None:
        # Administrators may preview upcoming and ended ones; nobody else sees them.
        if request.officer is None or not request.officer.is_admin:
            raise Http404
        bulletin = get_object_or_404(Bulletin, pk=pk)
        return render(request, "bulletins/detail.html", {"bulletin": bulletin, "preview": True})
    if not bulletin.is_read:
        services.mark_read(bulletin, request.user)
    return render(request, "bulletins/detail.html", {"bulletin": bulletin})


def _status(bulletin: Bulletin, now: dt.datetime) -> str:
    if bulletin.valid_from > now:
        return "upcoming"
    if bulletin.valid_until is not None and bulletin.valid_until <= now:
        return "ended"
    return "current"


@officer_required(admin=True)
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    bulletins = Bulletin.objects.annotate(read_count=Count("reads")).order_by("-valid_from", "-pk")
    page = Paginator(bulletins, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(b, _status(b, now)) for b in page]
    return render(request, "bulletins/manage.html", {"page": page, "rows": rows})


@officer_required(admin=True)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    bulletin = get_object_or_404(Bulletin, pk=pk) if pk is not None else None
    if request.method == "POST" and bulletin is not None and request.POST.get("action") == "end":
        if _status(bulletin, timezone.now()) != "ended":
            services.end_now(bulletin, request)
        messages.success(request, _("Tiedotteen voimassaolo on päätetty."))
        return redirect("bulletins:manage")
    data = request.POST if request.method == "POST" else None
    form = BulletinForm(data, instance=bulletin)
    if request.method == "POST":
        if form.is_valid():
            saved = form.save(commit=False)
            if bulletin is None:
                saved.author = request.officer
            saved.save()
            action = "bulletin.publish" if bulletin is None else "bulletin.change"
            record(request, action, query={"id": saved.pk})
            messages.success(
                request,
                _("Tiedote on julkaistu.") if bulletin is None else _("Tiedote on tallennettu."),
            )
            return redirect("bulletins:manage")
        status = 400
    else:
        status = 200
    context = {
        "form": form,
        "bulletin": bulletin,
        "status": _status(bulletin, timezone.now()) if bulletin else None,
    }
    return render(request, "bulletins/form.html", context, status=status)
