"""Month choices for the reports, read from the query string.

Browsers without <input type="month"> show a text box, so the help text names the format.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import months

# A range longer than this makes unreadable charts and tables; three years is plenty.
MAX_RANGE_MONTHS = 36
DEFAULT_RANGE_MONTHS = 12


class MonthInput(forms.TextInput):
    input_type = "month"


class MonthField(forms.Field):
    widget = MonthInput
    default_error_messages = {
        "invalid": _("Anna kuukausi muodossa VVVV-KK, esimerkiksi 2025-03."),
        "too_early": _("Tilastoja on saatavilla vuoden 2000 tammikuusta alkaen."),
    }

    def to_python(self, value: object) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value.replace(day=1)
        try:
            month = months.parse(str(value))
        except months.BadMonth:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if month < months.EARLIEST:
            raise forms.ValidationError(self.error_messages["too_early"], code="too_early")
        return month

    def prepare_value(self, value: object) -> object:
        return months.format_month(value) if isinstance(value, dt.date) else value


def _future_error(current: dt.date) -> forms.ValidationError:
    return forms.ValidationError(
        _("Tulevan kuukauden tilastoja ei ole. Valitse %(month)s tai sitä aiempi kuukausi."),
        code="future",
        params={"month": date_format(current, "YEAR_MONTH_FORMAT")},
    )


class MonthForm(forms.Form):
    """One month; by default the latest month with photos (`latest`), else the previous one.

    The manual's default was the previous month, which is often empty for a small studio."""

    month = MonthField(
        label=_("Kuukausi"),
        required=False,
        help_text=_("Muodossa VVVV-KK, esimerkiksi 2025-03."),
    )

    def __init__(
        self, *args: object, current: dt.date, latest: dt.date | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.current = current
        self.latest = latest if latest and latest <= current else None

    def clean_month(self) -> dt.date:
        month = self.cleaned_data.get("month") or self.latest or months.add_months(self.current, -1)
        if month > self.current:
            raise _future_error(self.current)
        return month


class RangeForm(forms.Form):
    """Months first..last, both included; the last twelve months up to this one by default."""

    start = MonthField(
        label=_("Alkaen"), required=False, help_text=_("Muodossa VVVV-KK, esimerkiksi 2025-03.")
    )
    end = MonthField(
        label=_("Päättyen"), required=False, help_text=_("Muodossa VVVV-KK, esimerkiksi 2025-03.")
    )

    def __init__(self, *args: object, current: dt.date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.current = current

    def clean_end(self) -> dt.date:
        end = self.cleaned_data.get("end") or self.current
        if end > self.current:
            raise _future_error(self.current)
        return end

    def clean(self) -> dict:
        data = super().clean()
        end = data.get("end")
        if end is None:
            return data
        start = data.get("start")
        if start is None:
            if self.errors.get("start"):
                return data
            start = max(months.add_months(end, 1 - DEFAULT_RANGE_MONTHS), months.EARLIEST)
        if start > end:
            self.add_error("start", _("Alkukuukausi ei voi olla päättymiskuukauden jälkeen."))
        elif len(months.months_between(start, end)) > MAX_RANGE_MONTHS:
            self.add_error(
                "start",
                _("Valitse enintään %(count)s kuukauden jakso.") % {"count": MAX_RANGE_MONTHS},
            )
        data["start"] = start
        return data
