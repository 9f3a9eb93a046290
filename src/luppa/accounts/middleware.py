"""Puts the account the user acts in on `request.account` (None outside an account)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .models import Account

SESSION_KEY = "luppa_account_id"


class CurrentAccountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.account = None
        account_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if account_id and request.user.is_authenticated:
            request.account = Account.objects.filter(pk=account_id).first()
        return self.get_response(request)
