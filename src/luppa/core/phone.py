"""Phone numbers as people type them ("040 123 4567"), checked with libphonenumber."""

from __future__ import annotations

import phonenumbers
from django import forms
from django.utils.translation import gettext as _


def parse_phone(value: str) -> phonenumbers.PhoneNumber:
    """A valid number, read as Finnish unless it says otherwise; else a ValidationError."""
    try:
        number = phonenumbers.parse(value.strip(), "FI")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(_("Puhelinnumero ei ole kelvollinen."))
    return number
