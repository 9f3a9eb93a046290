"""Check results as stored with a photo (plain JSON, no language), and read back in any
language from the checks' definitions: what pages, the API and X-Road show.

Stored form, one dict per check (see `to_stored`):

    {"id", "section", "status", "value", "key", "params",
     "limit_spec": the structured limit (definition.Limit.to_json),
     "limit": the limit in English, for readers of the JSON}

Rows stored before limits were structured have no "limit_spec"; their English "limit" text
is translated phrase by phrase (messages.localise_limit). A check that no longer exists
still shows its status, value and limit, named by its id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from . import checks as _checks  # noqa: F401  (registers every check)
from .definition import render_value
from .messages import MESSAGES, render
from .registry import BY_ID, Check
from .report import CheckResult, is_waivable, stored_limit_text


def to_stored(result: CheckResult) -> dict[str, Any]:
    """One result without rendered text, so that any language can be shown later."""
    return {
        "id": result.id,
        "section": result.section,
        "status": str(result.status),
        "value": result.value,
        "limit": result.limit_text("en"),
        "limit_spec": result.limit,
        "key": result.message_key,
        "params": result.params,
    }


# Every check's definition by id, once the checks have registered.
CHECKS_BY_ID: Mapping[str, Check] = MappingProxyType(BY_ID)


def definition(check_id: str) -> Check | None:
    return BY_ID.get(check_id)


def section_of(stored: dict[str, Any]) -> str:
    """The decree section of a stored result: its check's, or what the row kept."""
    known = BY_ID.get(str(stored.get("id")))
    return known.section.label if known else str(stored.get("section") or "")


def title(check_id: str, lang: str = "fi") -> str:
    key = f"{check_id}.title"
    return render(key, lang) if key in MESSAGES else check_id


@dataclass(frozen=True)
class Readable:
    """A stored result's texts in one language."""

    id: str
    section: str
    title: str
    status: str
    value: str
    limit: str
    message: str
    waivable: bool


def readable(stored: dict[str, Any], lang: str = "fi") -> Readable:
    check_id = str(stored.get("id", ""))
    known = BY_ID.get(check_id)
    section = section_of(stored)
    key = str(stored.get("key") or "")
    # An old stored key that the catalogue no longer has still shows its status.
    message = render(key, lang, stored.get("params") or {}) if key in MESSAGES else ""
    return Readable(
        id=check_id,
        section=section,
        title=title(check_id, lang),
        status=str(stored.get("status", "not_evaluated")),
        value=render_value(stored.get("value"), known.units if known else {}, lang),
        limit=stored_limit_text(stored, lang),
        message=message,
        waivable=known.waivable if known else is_waivable(section),
    )
