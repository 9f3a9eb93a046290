"""Forms shared by the web pages and the studio API: the customer's fields and receipt contact."""

from __future__ import annotations

import phonenumbers
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..accounts.models import Account, Photographer
from ..core.person_id import (
    InvalidPersonId,
    explain_hetu,
    hetu_birth_date,
    normalise_hetu,
    parse_birth_date,
)
from ..core.phone import parse_phone
from ..quality.decode import UnreadablePhoto, decode
from ..quality.limits import MAX_FILE_BYTES
from ..quality.messages import render


class PersonFields(forms.Form):
    first_names = forms.CharField(label=_("Etunimet"), max_length=100, required=False)
    surname = forms.CharField(label=_("Sukunimi"), max_length=100, required=False)
    hetu = forms.CharField(
        label=_("Henkilötunnus"),
        max_length=11,
        required=False,
        help_text=_("Esimerkiksi 131052-308T. Ei näytetä lähettämisen jälkeen."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    birth_date = forms.CharField(
        label=_("Syntymäaika (PPKKVV)"),
        max_length=8,
        required=False,
        help_text=_("Jos henkilötunnusta ei anneta, esimerkiksi 010170."),
    )
    consent = forms.BooleanField(
        label=_("Kuvattava henkilö (tai huoltaja) on antanut suostumuksen kuvan lähettämiseen."),
        required=True,
        error_messages={"required": _("Suostumus vaaditaan.")},
    )

    def clean_hetu(self) -> str:
        value = self.cleaned_data["hetu"].strip().upper()
        if not value:
            return ""
        try:
            return normalise_hetu(value)
        except InvalidPersonId:
            # Says which part is wrong, so that the photographer knows what to ask.
            raise forms.ValidationError(explain_hetu(value)) from None

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"].strip()
        if not value:
            return None
        try:
            return parse_birth_date(value)
        except InvalidPersonId:
            raise forms.ValidationError(_("Anna syntymäaika muodossa PPKKVV.")) from None

    def clean(self) -> dict:
        data = super().clean()
        hetu, birth = data.get("hetu"), data.get("birth_date")
        if hetu:
            from_hetu = hetu_birth_date(hetu)
            if birth and birth != from_hetu:
                self.add_error("birth_date", _("Syntymäaika ei vastaa henkilötunnusta."))
            data["birth_date"] = from_hetu
        return data


class PhotoFile(forms.Form):
    """The JPEG: a real JPEG by content, at most 250 kB, so that it can be stored as it is."""

    image = forms.FileField(label=_("Kuvatiedosto (JPEG, 500×653 px, enintään 250 kt)"))

    def clean_image(self) -> bytes:
        upload = self.cleaned_data["image"]
        if upload.size > settings.MAX_UPLOAD_BYTES or upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("Tiedosto on liian suuri (%(kb)s kt). Enimmäiskoko on 250 kt.")
                % {"kb": round(upload.size / 1000)}
            )
        data = upload.read()
        try:
            photo = decode(data)
        except UnreadablePhoto as exc:
            lang = _current_lang()
            raise forms.ValidationError(render(exc.key, lang, exc.params)) from None
        if photo.format != "JPEG":
            raise forms.ValidationError(
                _("Tiedosto on %(format)s-kuva. Kuvan tulee olla JPEG-muodossa.")
                % {"format": photo.format}
            )
        return data


def _current_lang() -> str:
    from django.utils.translation import get_language

    lang = (get_language() or "fi")[:2]
    return lang if lang in ("fi", "sv", "en") else "fi"


class PhotographerChoice(forms.Form):
    photographer = forms.ModelChoiceField(
        label=_("Kuvaaja"),
        queryset=Photographer.objects.none(),
        empty_label=_("Valitse kuvaaja"),
        error_messages={"required": _("Valitse kuvaaja.")},
    )

    def __init__(self, *args: object, account: Account, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["photographer"].queryset = account.photographers.filter(active=True)


class ReceiptContact(forms.Form):
    receipt_phone = forms.CharField(
        label=_("Asiakkaan matkapuhelinnumero"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    receipt_email = forms.EmailField(label=_("Asiakkaan sähköpostiosoite"), required=False)

    def clean_receipt_phone(self) -> str:
        value = self.cleaned_data["receipt_phone"]
        if not value.strip():
            return ""
        number = parse_phone(value)
        if phonenumbers.number_type(number) not in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        ):
            raise forms.ValidationError(_("Anna matkapuhelinnumero."))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
