"""The unread-bulletin badge, for every page."""

from __future__ import annotations

from django.http import HttpRequest

from .services import unread_for


def unread(request: HttpRequest) -> dict[str, int]:
    """How many current bulletins the logged-in photographer has not opened yet."""
    user = getattr(request, "user", None)
    if (
        user is None
        or not user.is_authenticated
        or getattr(request, "account", None) is None
        or getattr(request, "officer", None) is not None
    ):
        return {"unread_bulletins": 0}
    return {"unread_bulletins": unread_for(user).count()}
