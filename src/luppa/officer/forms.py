"""The officer's forms: the three searches and the decision.

The decision's rules live in officer.services; this form only turns a refusal's code into a
message on the right field, so the page and the service can never disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core import photo_id
from ..core import refusals as refusal_texts
from ..core.person_id import InvalidPersonId, normalise_hetu
from ..core.search_forms import PersonSearchFields, plausible_date
from ..decree import permits
from ..decree.reasons import REASONS
from ..photos.models import Decision, Photo
from .search import LostReceiptCriteria
from .services import DecisionInput, DecisionRefused, refusals

# The decision's refusal texts, shared with every other page and API (core.refusals).
REFUSALS = refusal_texts.MESSAGES


def refusal_message(code: str) -> str:
    return refusal_texts.message(code, default=REFUSALS["outcome"])


class UnechoedTextInput(forms.TextInput):
    """A text box that is always rendered empty: what was typed is never sent back."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        return super().get_context(name, None, attrs)


class HetuSearchForm(forms.Form):
    prefix = "hetu"

    hetu = forms.CharField(
        label=_("Henkilötunnus"),
        max_length=20,
        help_text=_("Löytää kaikki kuusi kuukautta säilytettävät kuvat, joihin tunnus on annettu."),
        error_messages={"required": _("Anna henkilötunnus.")},
        widget=UnechoedTextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A receipt's barcode scanned into this box: the photo ID, found as such.
        self.scanned_photo_id = ""

    def clean_hetu(self) -> str:
        value = self.cleaned_data["hetu"].strip().upper()
        try:
            return normalise_hetu(value)
        except InvalidPersonId:
            pass
        try:
            self.scanned_photo_id = photo_id.normalise(value)
        except photo_id.InvalidPhotoId:
            raise forms.ValidationError(
                _("Henkilötunnus ei ole kelvollinen. Tarkista tunnus ja kirjoita se uudelleen.")
            ) from None
        return ""


class PhotoIdSearchForm(forms.Form):
    prefix = "id"

    photo_id = forms.CharField(
        label=_("Kuvatunnus"),
        max_length=30,
        help_text=_(
            "Kuvakuitista, esimerkiksi K7QX3-MRDWY. Kirjainkoolla ja väliviivoilla ei ole väliä."
        ),
        error_messages={"required": _("Anna kuvatunnus.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_photo_id(self) -> str:
        try:
            return photo_id.normalise(self.cleaned_data["photo_id"])
        except photo_id.InvalidPhotoId as exc:
            # Names the character that no photo ID uses (O/0, B/8 and the like).
            raise forms.ValidationError(photo_id.explain(exc)) from None


def _date_field(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        validators=[plausible_date],
        error_messages={"invalid": _("Anna päivämäärä, esimerkiksi 1.3.2025.")},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )


class LostReceiptForm(PersonSearchFields):
    """Any combination of what the customer remembers; at least one term."""

    prefix = "details"

    studio = forms.CharField(
        label=_("Kuvaamo"),
        max_length=100,
        required=False,
        help_text=_("Osa kuvaamon nimestä riittää."),
    )
    taken_from = _date_field(_("Kuvauspäivä"), _("Yksi päivä, tai aikavälin ensimmäinen päivä."))
    taken_to = _date_field(_("Aikavälin viimeinen päivä"))
    field_order = ["studio", "taken_from", "taken_to", "first_name", "surname", "birth_date"]

    def clean_studio(self) -> str:
        return self._words("studio")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("taken_from"), data.get("taken_to")
        if start and end and end < start:
            self.add_error("taken_to", _("Viimeinen päivä on ennen ensimmäistä päivää."))
        if not self.errors and self.criteria().empty:
            raise forms.ValidationError(_("Anna vähintään yksi hakuehto."))
        return data

    def criteria(self) -> LostReceiptCriteria:
        """The cleaned terms. A single day when only the first date is given."""
        data = self.cleaned_data
        start, end = data.get("taken_from"), data.get("taken_to")
        return LostReceiptCriteria(
            studio=data.get("studio", ""),
            taken_from=start,
            taken_to=end or start,
            first_name=data.get("first_name", ""),
            surname=data.get("surname", ""),
            birth_date=data.get("birth_date"),
        )


def criteria_to_data(criteria: LostReceiptCriteria) -> dict[str, str]:
    """Criteria as plain strings (for the session and the audit record)."""
    return {
        "studio": criteria.studio,
        "taken_from": criteria.taken_from.isoformat() if criteria.taken_from else "",
        "taken_to": criteria.taken_to.isoformat() if criteria.taken_to else "",
        "first_name": criteria.first_name,
        "surname": criteria.surname,
        "birth_date": criteria.birth_date.isoformat() if criteria.birth_date else "",
    }


def criteria_from_data(data: dict[str, str]) -> LostReceiptCriteria:
    def date(key: str) -> dt.date | None:
        return dt.date.fromisoformat(data[key]) if data.get(key) else None

    return LostReceiptCriteria(
        studio=data.get("studio", ""),
        taken_from=date("taken_from"),
        taken_to=date("taken_to"),
        first_name=data.get("first_name", ""),
        surname=data.get("surname", ""),
        birth_date=date("birth_date"),
    )


def criteria_initial(criteria: LostReceiptCriteria) -> dict[str, Any]:
    """The criteria as the form's initial values, so the officer can refine the search."""
    birth = criteria.birth_date.strftime("%d%m%y") if criteria.birth_date else ""
    to = criteria.taken_to if criteria.taken_to != criteria.taken_from else None
    return {
        "studio": criteria.studio,
        "taken_from": criteria.taken_from,
        "taken_to": to,
        "first_name": criteria.first_name,
        "surname": criteria.surname,
        "birth_date": birth,
    }


PERMIT_CHOICES: list[tuple[str, Any]] = [("", _("Valitse lupatyyppi")), *permits.PERMIT_TYPES]


class PermitTypeField(forms.ChoiceField):
    """The officer's organisation's permit types. A driving licence is not offered, but if
    one is posted anyway it passes here, so that the decision rules refuse it by name."""

    def valid_value(self, value: Any) -> bool:
        return value == permits.DRIVING_LICENCE or super().valid_value(value)


OUTCOME_CHOICES = [
    (Decision.Outcome.APPROVED.value, _("Hyväksy kuva")),
    (Decision.Outcome.REJECTED.value, _("Hylkää kuva")),
]


class DecisionForm(forms.Form):
    """Approve or reject one photo. `change_reason` exists only when the photo has a decision."""

    outcome = forms.ChoiceField(
        label=_("Päätös"),
        choices=OUTCOME_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": REFUSALS["outcome"], "invalid_choice": REFUSALS["outcome"]},
    )
    permit_type = PermitTypeField(
        label=_("Lupatyyppi"),
        choices=PERMIT_CHOICES,
        help_text=_(
            "Hakemus, johon kuva liitetään. Ajokorttia ei ole luettelossa: ajokortit myöntää "
            "Traficom, eikä valokuvapalvelimen kuvia voi liittää ajokortin hakemuksiin."
        ),
        error_messages={
            "required": REFUSALS["permit_type"],
            "invalid_choice": REFUSALS["permit_type"],
        },
    )
    reasons = forms.MultipleChoiceField(
        label=_("Hylkäyssyyt"),
        choices=[(r.code, r.label) for r in REASONS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": REFUSALS["reason"]},
    )
    medical_exception = forms.BooleanField(
        label=_("Poikkeus terveydellisestä tai lääketieteellisestä syystä (10 §)"),
        required=False,
        help_text=_("3–5 §:n vaatimuksista (asento, ilme, hiukset ja asusteet) voidaan poiketa."),
    )
    message = forms.CharField(
        label=_("Viesti kuvaajalle"),
        max_length=1000,
        required=False,
        help_text=_("Näkyy kuvaajalle hylkäyssyiden kanssa."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    change_reason = forms.CharField(
        label=_("Päätöksen muuttamisen syy"),
        max_length=1000,
        help_text=_("Esimerkiksi kuvan käyttö toiseen hakemukseen tai korjattu arvio."),
        error_messages={"required": REFUSALS["change_reason"]},
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        photo: Photo,
        latest: Decision | None,
        organisation: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.photo = photo
        self.latest = latest
        # Each organisation is offered only the permits it decides on.
        self.fields["permit_type"].choices = [
            PERMIT_CHOICES[0],
            *permits.for_organisation(organisation),
        ]
        if photo.latest_decision_id is None:
            del self.fields["change_reason"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        seen = self.data.get("seen", "")
        if seen != (str(self.latest.pk) if self.latest else ""):
            raise forms.ValidationError(REFUSALS["stale"], code="stale")
        if "outcome" not in self.errors:
            self._check_rules()
        return data

    def _check_rules(self) -> None:
        """Every rule the service would refuse, at once (services.refusals), beside the
        fields the form itself has not already faulted."""
        for refused in refusals(self.photo, self.decision_input()):
            if refused.field not in self.errors:
                self.add_refusal(refused)

    def add_refusal(self, refused: DecisionRefused) -> None:
        field = refused.field if refused.field in self.fields else None
        self.add_error(field, forms.ValidationError(refusal_message(refused.code), refused.code))

    def decision_input(self) -> DecisionInput:
        data = self.cleaned_data
        return DecisionInput(
            outcome=data.get("outcome", ""),
            permit_type=data.get("permit_type", ""),
            reasons=list(data.get("reasons", [])),
            message=data.get("message", ""),
            medical_exception=bool(data.get("medical_exception")),
            change_reason=data.get("change_reason", ""),
        )
