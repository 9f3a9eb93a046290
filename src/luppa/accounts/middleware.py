"""Puts the account the user acts in on `request.account` (None outside an account)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .models import Account

SESSION_KEY = "luppa_account_id"
STAFF_SESSION_KEY = "luppa_staff_id"


class CurrentAccountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.account = None
        request.staff = None
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            if account_id := session.get(SESSION_KEY):
                request.account = Account.objects.filter(pk=account_id).first()
            elif staff_id := session.get(STAFF_SESSION_KEY):
                from ..review.models import StaffMember

                request.staff = StaffMember.objects.filter(
                    pk=staff_id, user=request.user, active=True
                ).first()
        return self.get_response(request)
