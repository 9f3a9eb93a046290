"""Officer pages: the open help calls (which kiosk, which step) and the hand-off, where the
counter continues a kiosk case by its code without identifying the customer again."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..accounts.decorators import officer_required
from ..audit.log import record
from .models import CODE_ALPHABET, Case, HelpCall


@never_cache
@officer_required()
def calls(request: HttpRequest) -> HttpResponse:
    code = "".join(ch for ch in request.GET.get("code", "").upper() if ch.isalnum())[:6]
    if code and len(code) == 6 and set(code) <= set(CODE_ALPHABET):
        return redirect("kiosk:officer_case", code=code)
    open_calls = (
        HelpCall.objects.filter(answered_at=None).select_related("case").order_by("created_at")
    )
    return render(
        request,
        "kiosk/officer_calls.html",
        {"calls": open_calls, "code": code, "bad_code": bool(code)},
    )


@require_POST
@officer_required()
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(HelpCall, pk=pk, answered_at=None)
    call.answered_at, call.answered_by = timezone.now(), request.user
    call.save(update_fields=["answered_at", "answered_by"])
    record(request, "kiosk.help_answered", query={"kiosk": call.kiosk, "step": call.step})
    return redirect("kiosk:officer_calls")


@never_cache
@officer_required()
def case(request: HttpRequest, code: str) -> HttpResponse:
    found = Case.objects.filter(code=code.upper()).select_related("photo").first()
    record(request, "kiosk.case_view", photos=[found.photo] if found and found.photo else [],
           query={"case": code.upper(), "found": found is not None})  # fmt: skip
    if found is None:
        return render(request, "kiosk/officer_case.html", {"case": None, "code": code}, status=404)
    return render(
        request, "kiosk/officer_case.html", {"case": found, "identity": found.identity or {}}
    )
