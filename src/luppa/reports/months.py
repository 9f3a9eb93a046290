"""Calendar months in the service's own time zone (Europe/Helsinki).

A month is represented by the date of its first day. Statistics count a photo in the month
it was submitted in, as a Finnish photographer counts it: a photo sent at 00:30 on the
first of the month, Helsinki time, belongs to the new month even though it is still the
previous month in UTC.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

# Nothing was submitted before the service existed; the bound also keeps month arithmetic
# (previous-month links, ranges) far from datetime's year-1 limit.
EARLIEST = dt.date(2000, 1, 1)

_MONTH = re.compile(r"(\d{4})-(\d{2})")


class BadMonth(ValueError):
    """Text that is not a month in the form YYYY-MM."""


def month_of(moment: dt.datetime | dt.date) -> dt.date:
    """The month an aware datetime (or a date) falls in, in Helsinki time."""
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment, timezone.get_default_timezone()).date()
    return moment.replace(day=1)


def current_month(now: dt.datetime | None = None) -> dt.date:
    return month_of(now or timezone.now())


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month from first to last, both included."""
    span = (last.year - first.year) * 12 + last.month - first.month
    return [add_months(first, i) for i in range(span + 1)]


def start_of(month: dt.date) -> dt.datetime:
    """The aware moment the month begins in Helsinki (DST-safe: midnight on the 1st)."""
    return dt.datetime(month.year, month.month, 1, tzinfo=timezone.get_default_timezone())


def bounds(first: dt.date, last: dt.date | None = None) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the months first..last, for filtering submitted_at."""
    return start_of(first), start_of(add_months(last or first, 1))


def parse(text: str) -> dt.date:
    """YYYY-MM (what <input type="month"> sends) to a month; BadMonth otherwise."""
    match = _MONTH.fullmatch(text.strip())
    if not match:
        raise BadMonth(text)
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise BadMonth(text)
    return dt.date(year, month, 1)


def format_month(month: dt.date) -> str:
    """The YYYY-MM form used in URLs and CSV files."""
    return f"{month.year:04d}-{month.month:02d}"
