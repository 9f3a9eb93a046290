"""Forms of the New photo pages beyond the shared ones in forms.py: a guided step's
checklist and the final receipt contact with the medical exception flag."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .forms import ReceiptContact
from .sections import Step

MEDICAL_EXCEPTION_LABEL = _(
    "Poikkeus terveydellisestä tai lääketieteellisestä syystä (asetuksen 10 §): "
    "3–5 §:n vaatimuksista poiketaan, virkailija arvioi poikkeuksen."
)


class StepChecklist(forms.Form):
    """Every requirement of the step must be ticked, unless the step allows the medical
    exception and the photographer marks it."""

    ticks = forms.MultipleChoiceField(
        label=_("Tarkistuslista"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, step: Step, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        self.fields["ticks"].choices = [(k, text) for k, text in step.requirements]
        if step.medical_exception:
            self.fields["medical_exception"] = forms.BooleanField(
                label=MEDICAL_EXCEPTION_LABEL, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.step.medical_exception and data.get("medical_exception"):
            return data
        missing = set(self.step.requirement_keys) - set(data.get("ticks") or ())
        if missing:
            self.add_error(
                "ticks",
                ngettext(
                    "Käy läpi koko tarkistuslista ennen kuin jatkat: %(count)s kohta "
                    "on merkitsemättä.",
                    "Käy läpi koko tarkistuslista ennen kuin jatkat: %(count)s kohtaa "
                    "on merkitsemättä.",
                    len(missing),
                )
                % {"count": len(missing)},
            )
        return data


class SubmitForm(ReceiptContact):
    """Receipt contact (both optional) and the receipt's languages; in advanced mode also
    the medical exception."""

    receipt_languages = forms.MultipleChoiceField(
        label=_("Kuitin kielet"),
        choices=[("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")],
        initial=["fi", "sv"],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Asiakkaan kuitti, sähköposti ja tekstiviesti näillä kielillä. "
            "Jos mitään ei valita, kuitti on suomeksi ja ruotsiksi."
        ),
    )

    def clean_receipt_languages(self) -> list[str]:
        return self.cleaned_data["receipt_languages"] or ["fi", "sv"]

    def __init__(self, *args: Any, with_exception: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_exception:
            self.fields["medical_exception"] = forms.BooleanField(
                label=MEDICAL_EXCEPTION_LABEL, required=False
            )
