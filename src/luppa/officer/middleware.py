"""Puts the officer the user acts as on `request.officer` (None otherwise).

Runs after accounts' CurrentAccountMiddleware, which has already ended an idle session: the
accounts layer sits below the officer side and does not know its models."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ..accounts.middleware import OFFICER_SESSION_KEY, SESSION_KEY
from .models import Officer


class CurrentOfficerMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.officer = None
        session = getattr(request, "session", None)
        if (
            session is not None
            and request.user.is_authenticated
            and not session.get(SESSION_KEY)  # in an account, not in the officer's role
            and (officer_id := session.get(OFFICER_SESSION_KEY))
        ):
            request.officer = Officer.objects.filter(
                pk=officer_id, user=request.user, active=True
            ).first()
        return self.get_response(request)
