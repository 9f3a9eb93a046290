"""A chosen photo kept across a New photo form that had other errors.

Browsers never keep a file input's choice when a page is shown again, so without this any
error in the customer's fields made the photographer choose the file once more. The valid
JPEG is kept in the session, encrypted like every stored photo, for one form only: it is
forgotten when the draft is made, when another file is chosen, or at logout.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.http import HttpRequest

from ..core.crypto import InvalidToken, decrypt, encrypt

SESSION_KEY = "luppa_pending_upload"


@dataclass(frozen=True)
class Kept:
    data: bytes
    name: str
    ref: str  # a short hash the form sends back, so a stale page cannot pick another file
    framed: bool = False  # a crop made from a camera original, still to be accepted

    @property
    def kilobytes(self) -> int:
        return round(len(self.data) / 1000)


def keep(request: HttpRequest, data: bytes, name: str, framed: bool = False) -> Kept:
    ref = hashlib.sha256(data).hexdigest()[:16]
    request.session[SESSION_KEY] = {
        "token": encrypt(data).decode(),
        "name": name[-100:],
        "ref": ref,
        "framed": framed,
    }
    return Kept(data, name[-100:], ref, framed)


def kept(request: HttpRequest) -> Kept | None:
    entry = request.session.get(SESSION_KEY)
    if not isinstance(entry, dict):
        return None
    try:
        data = decrypt(entry["token"].encode())
    except (InvalidToken, KeyError, AttributeError, TypeError):
        return None
    return Kept(
        data, str(entry.get("name", "")), str(entry.get("ref", "")), bool(entry.get("framed"))
    )


def forget(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
