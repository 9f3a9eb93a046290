"""The unread-bulletin badge, for every page."""

from __future__ import annotations

from django.http import HttpRequest


def unread(request: HttpRequest) -> dict[str, int]:
    return {"unread_bulletins": 0}
