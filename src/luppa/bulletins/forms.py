"""The administrator's bulletin form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .models import Bulletin

DATETIME_INPUT = "%Y-%m-%dT%H:%M"
MAX_BODY = 5000


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT)


class BulletinForm(forms.ModelForm):
    class Meta:
        model = Bulletin
        fields = [
            "kind",
            "title_fi",
            "body_fi",
            "title_sv",
            "body_sv",
            "title_en",
            "body_en",
            "valid_from",
            "valid_until",
            "show_on_login",
        ]
        labels = {
            "kind": _("Tiedotteen tyyppi"),
            "title_fi": _("Otsikko suomeksi"),
            "body_fi": _("Teksti suomeksi"),
            "title_sv": _("Otsikko ruotsiksi"),
            "body_sv": _("Teksti ruotsiksi"),
            "title_en": _("Otsikko englanniksi"),
            "body_en": _("Teksti englanniksi"),
            "valid_from": _("Voimassa alkaen"),
            "valid_until": _("Voimassa asti"),
            "show_on_login": _("Näytä myös kirjautumissivulla"),
        }
        help_texts = {
            "body_fi": _("Pelkkää tekstiä; tyhjä rivi aloittaa uuden kappaleen."),
            "title_en": _("Jos englanninkielinen teksti puuttuu, näytetään suomenkielinen."),
            "valid_from": _("Päivämäärä ja kellonaika, Suomen aikaa."),
            "valid_until": _("Jätä tyhjäksi, jos tiedote on voimassa toistaiseksi."),
            "show_on_login": _(
                "Vain käyttökatkotiedotteet: näkyvät kirjautumissivulla ilman kirjautumista."
            ),
        }
        # The text's own language, for spell-checkers and screen readers.
        widgets = {
            "title_fi": forms.TextInput(attrs={"lang": "fi"}),
            "title_sv": forms.TextInput(attrs={"lang": "sv"}),
            "title_en": forms.TextInput(attrs={"lang": "en"}),
            "body_fi": forms.Textarea(attrs={"rows": 6, "lang": "fi"}),
            "body_sv": forms.Textarea(attrs={"rows": 6, "lang": "sv"}),
            "body_en": forms.Textarea(attrs={"rows": 6, "lang": "en"}),
            "valid_from": _datetime_widget(),
            "valid_until": _datetime_widget(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The model's callable default would add a hidden "initial" copy of the start time.
        self.fields["valid_from"].show_hidden_initial = False
        # The model's text fields are unbounded; a bulletin is meant to be read at a glance.
        for name in ("body_fi", "body_sv", "body_en"):
            field = self.fields[name]
            field.max_length = MAX_BODY
            field.validators.append(MaxLengthValidator(MAX_BODY))
            field.widget.attrs["maxlength"] = str(MAX_BODY)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end <= start:
            self.add_error("valid_until", _("Päättymisajan on oltava alkamisajan jälkeen."))
        if bool(data.get("title_en")) != bool(data.get("body_en")):
            missing = "body_en" if data.get("title_en") else "title_en"
            self.add_error(
                missing, _("Anna englanninkielinen otsikko ja teksti, tai ei kumpaakaan.")
            )
        if data.get("show_on_login") and data.get("kind") != Bulletin.Kind.SERVICE_BREAK:
            self.add_error(
                "show_on_login",
                _("Kirjautumissivulla näytetään vain käyttökatkotiedotteet."),
            )
        return data
