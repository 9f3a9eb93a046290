"""Writing audit events from views, APIs, services and the X-Road service.

`record()` is the one function other code calls. It takes who acted from the request (the
signed-in user and their role, the studio API's key, or the X-Road client put on the request
by the X-Road service), the source address and the request id, and appends the event to the
keyed hash chain (chain.py) inside the caller's transaction, so an event commits with the
change it describes or not at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from ..core.crypto import keyed_hash
from .chain import append
from .models import AuditEvent

MAX_VALUE = 200
HASH_SUFFIX = "_hash"

# Parameter names that can hold a HETU, a name or a contact, in any of the spellings that
# reach us (form prefixes like "hetu-hetu", camelCase, Finnish and Swedish words): matched
# against the name lower-cased with everything but letters removed.
_SENSITIVE_WORDS = (
    "hetu", "ssn", "personid", "personalid", "identitycode", "henkilotunnus", "personbeteckning",
    "name", "nimi", "namn", "surname", "etunimi", "sukunimi", "fornamn", "efternamn",
    "birth", "syntym", "fodelse", "dob",
    "email", "mail", "phone", "puhelin", "telefon", "mobile", "recipient", "contact",
    "q", "query", "search", "term", "text", "haku", "sok",
)  # fmt: skip
_SENSITIVE_EXACT = {"q", "dob", "sok", "text", "term", "haku"}
# Free text that can hold a name when it is text (an officer's studio search, the reason an
# account was suspended); the same keys with a number (a studio's pk) stay readable.
_SENSITIVE_TEXT = {"studio", "kuvaamo", "reason", "syy"}
# A HETU anywhere in any value (say, typed into a photo-ID box) is hashed too.
_HETU_LIKE = re.compile(r"\d{6}\s*[-+A-FU-Y]\s*\d{3}[0-9A-Y]", re.IGNORECASE)
_HEX64 = re.compile(r"[0-9a-f]{64}")


def _letters(key: str) -> str:
    text = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]", "", text)


def is_sensitive(key: str) -> bool:
    word = _letters(key)
    if word in _SENSITIVE_EXACT:
        return True
    return any(w in word for w in _SENSITIVE_WORDS if w not in _SENSITIVE_EXACT)


def term_hash(value: object) -> str:
    """The keyed hash an audit record keeps of a search term: case, spaces and hyphens in
    a HETU do not matter, so the administrator's search finds what the officer typed."""
    text = unicodedata.normalize("NFC", str(value)).strip().casefold()
    text = re.sub(r"\s+", " ", text)
    return keyed_hash("audit", text.upper() if _HETU_LIKE.fullmatch(text) else text)


def safe_query(params: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in params.items():
        if value in ("", None, [], ()):
            continue
        name = _printable(str(key))
        if name.endswith(HASH_SUFFIX) and isinstance(value, str) and _HEX64.fullmatch(value):
            clean[name] = value  # already a keyed hash (e.g. a saved search's)
        elif (
            is_sensitive(name)
            or (isinstance(value, str) and _HETU_LIKE.search(value))
            or (isinstance(value, str) and _letters(name) in _SENSITIVE_TEXT)
        ):
            base = name.split("-")[-1] or name
            clean[f"{base}{HASH_SUFFIX}"] = term_hash(value)
        else:
            text = value if isinstance(value, int | float | bool) else _printable(str(value))
            clean[name] = text
    return clean


def safe_user_id(user_id: str) -> str:
    """An X-Road end user's id as the trail keeps it: a HETU in it (FI010170-1234) becomes
    its keyed hash, as a search term's would, so the trail holds no HETU in clear and the
    administrator's search by that HETU still finds the record."""
    text = _printable(user_id)
    found = _HETU_LIKE.search(text)
    if found is None:
        return text
    return f"{text[: found.start()]}{term_hash(found.group())}{text[found.end() :]}"[:MAX_VALUE]


def _hashed_user(user_id: str) -> str:
    found = _HETU_LIKE.search(_printable(user_id))
    return term_hash(found.group()) if found else ""


def _printable(text: str) -> str:
    # Search boxes receive anything; PostgreSQL's JSON cannot hold NUL, and a log line
    # needs no more than this.
    return text.replace("\x00", "\ufffd")[:MAX_VALUE]


def _role(request: HttpRequest | None, user: Any) -> tuple[str, str]:
    officer = getattr(request, "officer", None)
    if officer is not None:
        return officer.role, officer.organisation
    if getattr(request, "xroad", None) is not None:
        return "xroad", request.xroad.organisation
    if user is not None and not isinstance(user, get_user_model()):
        return "api", ""
    if getattr(request, "account", None) is not None:
        return "photographer", ""
    return "", ""


def _request_id(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    value = getattr(request, "request_id", None) or request.META.get("HTTP_X_REQUEST_ID", "")
    return _printable(str(value))[:64]


def record(
    request: HttpRequest | None,
    action: str,
    photos: Iterable[object] = (),
    query: dict[str, Any] | None = None,
    actor_label: str = "",
    *,
    actor: Any = None,
    role: str = "",
    organisation: str = "",
    account_id: int | None = None,
) -> AuditEvent:
    """Records that `photos` (Photo objects, photo IDs or pks) were shown or changed for
    `action`. Without a request (a service, a command), `actor`, `role` and `organisation`
    say who acted."""
    user = getattr(request, "user", None)
    account = getattr(request, "account", None)
    if user is not None and not isinstance(user, get_user_model()):
        # The studio API authenticates an account (by its key), not a person.
        account, user = user, None
    found_role, found_organisation = _role(request, getattr(request, "user", None))
    if actor is None and user is not None and user.is_authenticated:
        actor = user
    xroad = getattr(request, "xroad", None)
    key = getattr(request, "auth", None)
    if not actor_label and getattr(key, "lookup", None):
        actor_label = f"api-key {key.lookup}"  # the studio API's key, never its secret
    shown = [getattr(p, "photo_id", None) or getattr(p, "pk", p) for p in photos]
    clean = safe_query(query or {})
    hashes = [v for k, v in clean.items() if k.endswith(HASH_SUFFIX)]
    if xroad is not None and _hashed_user(xroad.user_id):
        hashes.append(_hashed_user(xroad.user_id))
    event = AuditEvent(
        actor=actor,
        actor_label=_printable(actor_label or (xroad.client if xroad else "")),
        role=role or found_role,
        organisation=organisation or found_organisation,
        account_id=account_id if account_id is not None else getattr(account, "pk", None),
        xroad_client=_printable(xroad.client) if xroad else "",
        xroad_user=safe_user_id(xroad.user_id) if xroad else "",
        xroad_id=_printable(xroad.message_id) if xroad else "",
        source=(request.META.get("REMOTE_ADDR", "") if request is not None else "")[:45],
        request_id=_request_id(request),
        action=action,
        query=clean,
        photo_ids=[str(p) for p in shown],
        term_hashes=" ".join(hashes),
    )
    return append(event)
