"""Own details: the account's contact details, named photographers and API keys."""

from __future__ import annotations

import re

import phonenumbers
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from ..core.phone import parse_phone
from .models import Account, ApiKey, Photographer, name_key

postal_code_validator = RegexValidator(
    r"^\d{5}\Z", _("Postinumerossa on viisi numeroa, esimerkiksi 00100.")
)


def clean_phone(value: str) -> str:
    """A valid Finnish or international phone number, readable; "" stays "".

    A number the user grouped ("+358 9 111 2222", "040 123 4567") is kept as entered, as
    people read their own number that way; a bare run of digits is grouped by libphonenumber,
    internationally when it was entered with the country code."""
    entered = " ".join(value.split())
    if not entered:
        return ""
    number = parse_phone(entered)
    if _GROUPED.fullmatch(entered):
        return entered
    style = (
        phonenumbers.PhoneNumberFormat.INTERNATIONAL
        if entered.startswith(("+", "00")) or number.country_code != 358
        else phonenumbers.PhoneNumberFormat.NATIONAL
    )
    return phonenumbers.format_number(number, style)


# Digits in groups separated by single spaces or hyphens, optionally after a "+".
_GROUPED = re.compile(r"\+?\d+(?:[ -]\d+)+")


def _tidy(value: str) -> str:
    return " ".join(value.split())


class ContactForm(forms.ModelForm):
    class Meta:
        model = Account
        fields = [
            "studio_name",
            "contact_person",
            "street_address",
            "postal_code",
            "post_office",
            "phone",
            "email",
        ]
        labels = {
            "studio_name": _("Kuvakuitissa näkyvä kuvaamon nimi"),
            "contact_person": _("Yhteyshenkilö"),
            "street_address": _("Katuosoite"),
            "postal_code": _("Postinumero"),
            "post_office": _("Postitoimipaikka"),
            "phone": _("Puhelin"),
            "email": _("Sähköposti"),
        }
        help_texts = {
            "studio_name": _("Tulostuu asiakkaan kuvakuittiin."),
        }
        # Encrypted in the model (text columns): the form fields say what they hold.
        field_classes = {
            "contact_person": forms.CharField,
            "phone": forms.CharField,
            "email": forms.EmailField,
        }
        widgets = {
            "contact_person": forms.TextInput,
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["postal_code"].validators.append(postal_code_validator)

    def clean_studio_name(self) -> str:
        return _tidy(self.cleaned_data["studio_name"])

    def clean_contact_person(self) -> str:
        return _tidy(self.cleaned_data["contact_person"])

    def clean_post_office(self) -> str:
        return _tidy(self.cleaned_data["post_office"])

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])


class PhotographerForm(forms.ModelForm):
    """A named photographer's name and upload mode; names are unique among active ones."""

    class Meta:
        model = Photographer
        fields = ["name", "mode"]
        # Encrypted in the model (a text column): a one-line input all the same.
        field_classes = {"name": forms.CharField}
        labels = {"name": _("Kuvaajan nimi"), "mode": _("Kuvansyöttö")}
        help_texts = {
            "name": _("Mikä tahansa nimi: koko nimi, etunimi tai lempinimi."),
            "mode": _(
                "Ohjatussa syötössä kuvavaatimukset käydään läpi tarkistuslistoin kohta "
                "kohdalta; edistyneessä tulokset näytetään yhdellä sivulla."
            ),
        }
        widgets = {"mode": forms.RadioSelect, "name": forms.TextInput}

    def __init__(self, *args: object, account: Account, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.account = account

    def clean_name(self) -> str:
        name = _tidy(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Anna kuvaajan nimi."))
        clash = self.account.photographers.filter(active=True, name_key=name_key(name))
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Tilillä on jo tämän niminen kuvaaja."))
        return name

    def save(self, commit: bool = True) -> Photographer:
        self.instance.account = self.account
        return super().save(commit)


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Avaimen nimi"),
        max_length=ApiKey._meta.get_field("name").max_length,
        help_text=_("Esimerkiksi kuvausohjelman tai työaseman nimi, jotta tunnistat avaimen."),
    )

    def clean_name(self) -> str:
        name = _tidy(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Anna avaimelle nimi."))
        return name
