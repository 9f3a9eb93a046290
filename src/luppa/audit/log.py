"""Writing audit events from views and APIs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from ..core.crypto import keyed_hash
from .models import AuditEvent

# Query parameters that may carry a HETU: recorded only as a keyed hash.
_SENSITIVE = {"hetu"}
MAX_VALUE = 200


def safe_query(params: dict[str, Any]) -> dict[str, Any]:
    clean = {}
    for key, value in params.items():
        if value in ("", None, [], ()):
            continue
        if key in _SENSITIVE:
            clean[f"{key}_hash"] = keyed_hash("audit", str(value).strip().upper())
        else:
            text = value if isinstance(value, int | float | bool) else _printable(str(value))
            clean[_printable(str(key))] = text
    return clean


def _printable(text: str) -> str:
    # Search boxes receive anything; PostgreSQL's JSON cannot hold NUL, and a log line
    # needs no more than this.
    return text.replace("\x00", "\ufffd")[:MAX_VALUE]


def record(
    request: HttpRequest | None,
    action: str,
    photos: Iterable[object] = (),
    query: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Records that `photos` (Photo objects, photo IDs or pks) were shown for `action`."""
    user = getattr(request, "user", None)
    account = getattr(request, "account", None)
    if user is not None and not isinstance(user, get_user_model()):
        # The studio API authenticates an account (by its key), not a person.
        account, user = user, None
    shown = [getattr(p, "photo_id", None) or getattr(p, "pk", p) for p in photos]
    return AuditEvent.objects.create(
        actor=user if user is not None and user.is_authenticated else None,
        actor_label=actor_label,
        account_id=getattr(account, "pk", None),
        action=action,
        query=safe_query(query or {}),
        photo_ids=[str(p) for p in shown],
    )
