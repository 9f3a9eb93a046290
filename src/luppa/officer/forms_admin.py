"""Administrators' forms: officers, and the reasons for suspending or restoring an account."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..audit.log import MAX_VALUE as AUDIT_MAX_VALUE
from ..core.person_id import InvalidPersonId, normalise_hetu
from .models import Officer

# The whole reason must fit in the audit trail, which keeps values up to this length.
MAX_REASON = AUDIT_MAX_VALUE


class OfficerAddForm(forms.Form):
    # The HETU only identifies the person at their next Suomi.fi login: it is turned into
    # the same keyed hash the login uses, and the code itself is never stored.
    hetu = forms.CharField(
        label=_("Henkilötunnus"),
        max_length=20,
        help_text=_(
            "Käytetään vain henkilön tunnistamiseen kirjautumisessa; henkilötunnusta ei tallenneta."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    name = forms.CharField(label=_("Nimi"), max_length=200)
    role = forms.ChoiceField(
        label=_("Rooli"), choices=Officer.Role.choices, initial=Officer.Role.OFFICER
    )

    def clean_hetu(self) -> str:
        try:
            return normalise_hetu(self.cleaned_data["hetu"].strip())
        except InvalidPersonId:
            raise forms.ValidationError(
                _("Henkilötunnus ei ole kelvollinen. Tarkista se."), code="invalid"
            ) from None


class OfficerEditForm(forms.ModelForm):
    class Meta:
        model = Officer
        fields = ["name", "role", "active"]
        # Encrypted in the model (a text column): a one-line input all the same.
        field_classes = {"name": forms.CharField}
        widgets = {"name": forms.TextInput}
        labels = {
            "name": _("Nimi"),
            "role": _("Rooli"),
            "active": _("Käyttöoikeus voimassa"),
        }
        help_texts = {
            "active": _(
                "Poista valinta, kun virkailija ei enää tarvitse palvelua. "
                "Tiedot ja tehdyt päätökset säilyvät."
            ),
        }

    def __init__(self, *args: Any, acting: Officer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acting = acting

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # An administrator locking themselves out could leave the organisation with none.
        if self.instance.pk == self.acting.pk:
            if data.get("active") is False:
                self.add_error("active", _("Et voi poistaa omaa käyttöoikeuttasi."))
            if data.get("role") and data["role"] != Officer.Role.ADMIN:
                self.add_error("role", _("Et voi poistaa omaa pääkäyttäjän rooliasi."))
        return data


class AccountSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Hae nimellä, Y-tunnuksella tai kuvaamon nimellä"), max_length=100, required=False
    )
    suspended = forms.BooleanField(label=_("Vain keskeytetyt käyttäjätilit"), required=False)


class ReasonForm(forms.Form):
    """Why an account is suspended or restored: kept in the audit trail."""

    reason = forms.CharField(
        label=_("Perustelu"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        label: str | None = None,
        confirm: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        if confirm:
            # Suspending stops a studio's work at once: the administrator confirms it on purpose.
            self.fields["confirm"] = forms.BooleanField(
                label=confirm,
                error_messages={"required": _("Vahvista keskeyttäminen.")},
            )
