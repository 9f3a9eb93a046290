"""Forms shared by the web pages and the studio API: the customer's fields and receipt contact."""

from __future__ import annotations

import datetime as dt

import phonenumbers
from django import forms
from django.conf import settings
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from ..accounts.models import Account, Photographer
from ..core.person_fields import birth_date_field, read_birth_date
from ..core.person_id import (
    InvalidPersonId,
    explain_hetu,
    has_century,
    hetu_birth_date,
    normalise_hetu,
)
from ..core.phone import parse_phone
from ..quality.decode import UnreadablePhoto, decode, probe
from ..quality.limits import MAX_FILE_BYTES, MAX_UPLOAD_PIXELS
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
    birth_date = birth_date_field(
        _(
            "Jos henkilötunnusta ei anneta, esimerkiksi 010170. Vuosisata henkilötunnuksen "
            "välimerkistä (010125- on 1925, 010125A on 2025) tai muodossa 01011925; pelkkä "
            "PPKKVV on viimeisin mennyt päivä (010125 on 1.1.2025)."
        )
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

    def clean_birth_date(self) -> dt.date | None:
        return read_birth_date(self.cleaned_data["birth_date"])

    def clean(self) -> dict:
        data = super().clean()
        hetu, birth = data.get("hetu"), data.get("birth_date")
        if hetu:
            from_hetu = hetu_birth_date(hetu)
            typed = str(self.data.get(self.add_prefix("birth_date"), ""))
            if birth and not has_century(typed):
                # Six digits name no century: the HETU's century sign decides.
                birth = (
                    birth if birth.strftime("%d%m%y") != from_hetu.strftime("%d%m%y") else from_hetu
                )
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
            # Format and size from the header first: only a JPEG of sane size is decoded.
            header = probe(data)
            if header.format != "JPEG":
                raise forms.ValidationError(
                    _("Tiedosto on %(format)s-kuva. Kuvan tulee olla JPEG-muodossa.")
                    % {"format": header.format}
                )
            if header.pixels > MAX_UPLOAD_PIXELS:
                raise forms.ValidationError(
                    _(
                        "Kuvassa on liikaa pikseleitä (%(width)s×%(height)s). Lupakuva on "
                        "500×653 pikseliä."
                    )
                    % {"width": header.width, "height": header.height}
                )
            decode(data, max_pixels=MAX_UPLOAD_PIXELS)
        except UnreadablePhoto as exc:
            lang = _current_lang()
            raise forms.ValidationError(render(exc.key, lang, exc.params)) from None
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


class HostnameEmailValidator(EmailValidator):
    """An e-mail address at a domain name only: a receipt never goes to an IP literal such
    as x@[127.0.0.1], which would make the mail server a probe of internal addresses."""

    def validate_domain_part(self, domain_part: str) -> bool:
        return bool(self.domain_regex.match(domain_part))


class ReceiptEmailField(forms.EmailField):
    default_validators = [HostnameEmailValidator(allowlist=[])]


class ReceiptContact(forms.Form):
    receipt_phone = forms.CharField(
        label=_("Asiakkaan matkapuhelinnumero"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    receipt_email = ReceiptEmailField(label=_("Asiakkaan sähköpostiosoite"), required=False)

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
