"""Forms of the studio directory: the public search, and an account's own studio."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..accounts.forms import clean_phone, postal_code_validator
from .models import Studio


class StudioSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Kuvaamon nimi, postinumero, postitoimipaikka tai kunta"),
        max_length=100,
        required=False,
        help_text=_(
            "Postinumeron alku tai osa nimestä riittää, esimerkiksi 00, hels, Esbo tai "
            "kuvaamon nimi."
        ),
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].replace(",", " ").split())


class StudioForm(forms.ModelForm):
    class Meta:
        model = Studio
        fields = [
            "name",
            "street_address",
            "postal_code",
            "post_office",
            "municipality",
            "opening_hours",
            "phone",
        ]
        labels = {
            "name": _("Kuvaamon nimi"),
            "street_address": _("Katuosoite"),
            "postal_code": _("Postinumero"),
            "post_office": _("Postitoimipaikka"),
            "municipality": _("Kunta"),
            "opening_hours": _("Aukioloajat"),
            "phone": _("Puhelin"),
        }
        help_texts = {"opening_hours": _("Esimerkiksi ma–pe 9–17, la 10–14.")}
        widgets = {
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric"}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
            "phone": forms.TextInput(attrs={"type": "tel"}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["postal_code"].validators.append(postal_code_validator)

    def _clean_text(self, name: str) -> str:
        value = " ".join(self.cleaned_data[name].split())
        if self.fields[name].required and not value:
            raise forms.ValidationError(self.fields[name].error_messages["required"])
        return value

    def clean_name(self) -> str:
        return self._clean_text("name")

    def clean_street_address(self) -> str:
        return self._clean_text("street_address")

    def clean_post_office(self) -> str:
        return self._clean_text("post_office")

    def clean_municipality(self) -> str:
        return self._clean_text("municipality")

    def clean_opening_hours(self) -> str:
        return self.cleaned_data["opening_hours"].strip()

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])
