"""Forms of the New photo pages beyond the shared ones in forms.py: a guided step's
checklist and the final receipt contact with the medical exception flag."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..decree.sections import Step
from .forms import ReceiptContact

MEDICAL_EXCEPTION_LABEL = _(
    "Poikkeus terveydellisestä tai lääketieteellisestä syystä (asetuksen 10 §): "
    "3–5 §:n vaatimuksista poiketaan, virkailija arvioi poikkeuksen."
)


CONFIRM_LABEL = _(
    "Olen tarkistanut kuvan: merkitsemäni kohdat täyttävät vaatimukset automaattisen "
    "tarkistuksen tuloksesta huolimatta."
)


class StepChecklist(forms.Form):
    """Every requirement of the step must be ticked, unless the step allows the medical
    exception and the photographer marks it."""

    ticks = forms.MultipleChoiceField(
        label=_("Tarkistuslista"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        step: Step,
        contradicted: dict[str, list[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        # requirement key -> failed automatic checks that say otherwise
        self.contradicted = contradicted or {}
        self.fields["ticks"].choices = [(k, text) for k, text in step.requirements]
        if self.contradicted:
            self.fields["confirm"] = forms.BooleanField(
                label=CONFIRM_LABEL,
                required=False,
            )
        if step.medical_exception:
            self.fields["medical_exception"] = forms.BooleanField(
                label=MEDICAL_EXCEPTION_LABEL, required=False
            )

    @property
    def contradicting_ticks(self) -> list[str]:
        """Ticked requirements that a failed automatic check contradicts, in step order."""
        ticked = set(self.cleaned_data.get("ticks") or ())
        return [k for k in self.step.requirement_keys if k in ticked and k in self.contradicted]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.step.medical_exception and data.get("medical_exception"):
            return data
        texts = dict(self.step.requirements)
        contradicting = self.contradicting_ticks
        if contradicting and not data.get("confirm"):
            items = "; ".join(
                gettext_now("”%(item)s” (%(checks)s)")
                % {"item": str(texts[k]).rstrip("."), "checks": ", ".join(self.contradicted[k])}
                for k in contradicting
            )
            self.add_error(
                "confirm",
                gettext_now(
                    "Automaattinen tarkistus arvioi toisin kuin merkitsit: %(items)s. Tarkista "
                    "kuva ja vahvista merkintä, tai poista merkintä ja vaihda kuva."
                )
                % {"items": items},
            )
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
