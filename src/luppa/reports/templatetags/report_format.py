"""Number formats shared by the report pages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

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


@register.filter
def rate(counts: object) -> SafeString:
    """The rejection percentage with its sample size beside it: "100 % (n = 1)" does not
    pass for a trend the way a bare "100 %" does. n is the number of decided photos."""
    decided = getattr(counts, "decided", 0)
    if not decided:
        return format_html("{}", percent(None))
    return format_html(
        '{} <span class="n" title="{}">(n\u00a0=\u00a0{})</span>',
        percent(getattr(counts, "rejection_rate", None)),
        _("arvioitujen kuvien määrä"),
        decided,
    )


@register.filter
def share_n(count: int, total: int) -> SafeString:
    """count as a percentage of total, with the total as the sample size."""
    return format_html('{} <span class="n">(n\u00a0=\u00a0{})</span>', share(count, total), total)
