"""Stored check results (language-neutral) rendered for a page in the active language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..decree.sections import STEPS, step_for_section
from ..quality.messages import LANGUAGES
from ..quality.stored import readable, section_of

STATUS_LABELS = {
    "pass": _("Kunnossa"),
    "warn": _("Tarkista"),
    "fail": _("Ei täytä vaatimusta"),
    "not_evaluated": _("Ei arvioitu"),
}
# A symbol beside the word, so that the status never depends on colour alone.
STATUS_SYMBOLS = {"pass": "✓", "warn": "!", "fail": "✗", "not_evaluated": "–"}


@dataclass(frozen=True)
class ShownCheck:
    id: str
    section: str
    title: str
    status: str
    status_label: str
    symbol: str
    value: str
    limit: str
    message: str
    waivable: bool = False


def active_language() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in LANGUAGES else "fi"


def shown(check: dict[str, Any], lang: str | None = None) -> ShownCheck:
    """A stored result with its texts in the page's language, from the check's definition
    in the quality package (title, value with names and units, limit, message)."""
    text = readable(check, lang or active_language())
    return ShownCheck(
        id=text.id,
        section=text.section,
        title=text.title,
        status=text.status,
        status_label=str(STATUS_LABELS.get(text.status, text.status)),
        symbol=STATUS_SYMBOLS.get(text.status, "?"),
        value=text.value,
        limit=text.limit,
        message=text.message,
        waivable=text.waivable,
    )


def shown_checks(checks: Iterable[dict[str, Any]], lang: str | None = None) -> list[ShownCheck]:
    """The checks in the order of the decree's sections (the guided steps' order)."""
    return [shown(c, lang) for c in sorted(checks, key=_section_order)]


def _section_order(check: dict[str, Any]) -> int:
    step = step_for_section(section_of(check))
    return step.number if step else len(STEPS) + 1


def status_counts(checks: Iterable[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(c.get("status", "not_evaluated") for c in checks)
    return {status: counts.get(status, 0) for status in STATUS_LABELS}


# Worst first: what fails the decree comes before what only needs a look.
STATUS_ORDER = ("fail", "warn", "not_evaluated", "pass")


def worst_first(results: Iterable[ShownCheck]) -> list[ShownCheck]:
    """The shown checks with failures first, then warnings; stable within each status."""
    rank = {status: i for i, status in enumerate(STATUS_ORDER)}
    return sorted(results, key=lambda c: rank.get(c.status, len(STATUS_ORDER)))


def step_statuses(checks: Iterable[dict[str, Any]]) -> dict[int, str]:
    """Each guided step's worst automatic result ("fail", "warn" or "pass"); steps without
    an evaluated check are left out, so a chip never claims what nobody measured."""
    worst: dict[int, str] = {}
    for check in checks:
        step = step_for_section(section_of(check))
        status = check.get("status")
        if step is None or status not in ("fail", "warn", "pass"):
            continue
        current = worst.get(step.number)
        if current is None or STATUS_ORDER.index(status) < STATUS_ORDER.index(current):
            worst[step.number] = status
    return worst
