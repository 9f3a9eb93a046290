"""Search fields shared by the photographer's Sent photos and the officer's lost-receipt
search: the customer's names and birth date, and plausible dates."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from .person_fields import birth_date_field, read_birth_date


def plausible_date(value: dt.date) -> None:
    # Far-off years would overflow the time zone arithmetic; no photo is taken then anyway.
    if not 2000 <= value.year <= 2999:
        raise forms.ValidationError(_("Tarkista päivämäärä."))


class PersonSearchFields(forms.Form):
    """First name, surname and birth date (DDMMYY), each optional and tidied."""

    first_name = forms.CharField(label=_("Etunimi"), max_length=100, required=False)
    surname = forms.CharField(label=_("Sukunimi"), max_length=100, required=False)
    birth_date = birth_date_field(
        _("Esimerkiksi 010170."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def _words(self, name: str) -> str:
        return " ".join(self.cleaned_data[name].split())

    def clean_first_name(self) -> str:
        return self._words("first_name")

    def clean_surname(self) -> str:
        return self._words("surname")

    def clean_birth_date(self) -> dt.date | None:
        return read_birth_date(self.cleaned_data["birth_date"])
