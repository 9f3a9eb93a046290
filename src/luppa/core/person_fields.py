"""The customer's birth date as a form field: the same label, length and reading wherever it
is typed (photo entry, the photographer's and the officer's searches). Each form keeps its
own help text and widget, since entry and search explain different things."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .person_id import InvalidPersonId, parse_birth_date


def birth_date_field(help_text: Any, **kwargs: Any) -> forms.CharField:
    """An optional DDMMYY field (a century sign or a four-digit year also accepted)."""
    return forms.CharField(
        label=_("Syntymäaika (PPKKVV)"),
        max_length=8,
        required=False,
        help_text=help_text,
        **kwargs,
    )


def read_birth_date(value: str) -> dt.date | None:
    """The date typed, None for nothing, or the form error that asks for DDMMYY."""
    value = value.strip()
    if not value:
        return None
    try:
        return parse_birth_date(value)
    except InvalidPersonId:
        raise forms.ValidationError(_("Anna syntymäaika muodossa PPKKVV.")) from None
