"""Number formats shared by the report pages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """12.5 -> "12,5 %" in Finnish; a dash when there was nothing to divide."""
    if value is None:
        return "–"
    # number_format cuts floats off rather than rounding them (2/3 would show as 66,6).
    return f"{number_format(round(value, 1), 1)}\u00a0%"


@register.filter
def share(count: int, total: int) -> str:
    """count as a percentage of total."""
    return percent(100 * count / total if total else None)
