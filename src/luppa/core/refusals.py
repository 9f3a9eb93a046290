"""What a refusal says: one table from a Refusal's code to its text, for every page and API.

The codes are raised by each layer's rules (core.errors.Refusal and its subclasses); the
texts live here, in gettext (Finnish source, Swedish and English catalogues), so the page
that shows a refusal and the API that answers with one cannot word it differently. A code
without a text gets the caller's `default` (or a generic "try again").
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .errors import Refusal

MESSAGES: dict[str, Promise] = {
    # Submitting a photo (photos.services.SubmitRefused).
    "format": _(
        "Kuvaa ei voi lähettää, koska se ei täytä asetuksen ehdottomia vaatimuksia. Vaihda kuva."
    ),
    "account suspended": _("Käyttäjätilin oikeudet on keskeytetty."),
    "could not allocate a photo ID": _("Kuvan lähettäminen ei onnistunut. Yritä uudelleen."),
    # The upload policy (integrations.trade_register.refusal).
    "policy.private": _(
        "Kuvia voivat lähettää vain kaupparekisteriin merkityt valokuvausalan yritykset. "
        "Yksityishenkilön käyttäjätililtä ei voi lähettää kuvia."
    ),
    "policy.not_registered": _("Yritystä ei löydy kaupparekisteristä."),
    "policy.not_photography": _(
        "Yrityksen päätoimialaksi ei ole kaupparekisterissä merkitty valokuvausta (TOL 74.2)."
    ),
    "policy.not_active": _("Yritys on kaupparekisterin mukaan selvitystilassa tai konkurssissa."),
    "policy.register_unavailable": _(
        "Kaupparekisteriä ei juuri nyt tavoitettu. Yritä hetken kuluttua uudelleen."
    ),
    # An officer's decision (officer.services.DecisionRefused).
    "driving_licence": _("Valokuvapalvelimen kuvaa ei voi liittää ajokorttihakemukseen."),
    "permit_type": _("Valitse lupatyyppi luettelosta."),
    "outcome": _("Valitse, hyväksytäänkö vai hylätäänkö kuva."),
    "reason": _("Valitse hylkäyssyyt luettelosta."),
    "no_reason": _("Valitse hylättävälle kuvalle vähintään yksi hylkäyssyy."),
    "reasons_on_approval": _(
        "Hyväksyttävälle kuvalle ei valita hylkäyssyitä: poista valinnat tai valitse Hylkää."
    ),
    "waived_section": _(
        "Terveydellisestä syystä myönnetty poikkeus (10 §) koskee 3–5 §:n vaatimuksia: "
        "niiden perusteella kuvaa ei voi hylätä. Poista 3–5 §:n hylkäyssyyt tai poikkeus."
    ),
    "change_reason": _("Kuvalla on jo päätös: kerro, miksi päätöstä muutetaan."),
    "not_submitted": _("Kuvaa ei ole lähetetty, joten sitä ei voi arvioida."),
    # A typed photo ID (core.photo_id.InvalidPhotoId), on the pages and in the API.
    "photo_id.typo": _("Kuvatunnuksen tarkiste ei täsmää – tarkista tunnus"),
    "photo_id.look_alike": _(
        "Kuvatunnuksen {position}. merkki on ”{char}”, mutta kuvatunnuksissa ei "
        "käytetä merkkejä {group}, koska ne sekoittuvat toisiinsa. Tarkista merkki "
        "kuitista."
    ),
    "photo_id.character": _(
        "Kuvatunnuksen {position}. merkki ”{char}” ei kuulu kuvatunnukseen. Tunnuksessa "
        "on vain numeroita ja kirjaimia, esimerkiksi K7QX3-MRDWY."
    ),
    "photo_id.length": _(
        "Kuvatunnus on 10 merkkiä, esimerkiksi K7QX3-MRDWY; annoit {length} merkkiä."
    ),
    "photo_id.malformed": _("Kuvatunnus on 10 merkkiä, esimerkiksi K7QX3-MRDWY."),
    "stale": _(
        "Kuvalle tallennettiin toinen päätös sillä välin, kun lomake oli auki. "
        "Tarkista päätöshistoria ja tallenna päätöksesi uudelleen."
    ),
}
GENERIC = MESSAGES["could not allocate a photo ID"]


def message(
    refusal: Refusal | str, lang: str | None = None, default: Promise | str | None = None
) -> str:
    """The refusal's text in `lang` (else the active language); `default` for an unknown code."""
    code = refusal.code if isinstance(refusal, Refusal) else refusal
    params: dict[str, Any] = refusal.params if isinstance(refusal, Refusal) else {}
    text = MESSAGES.get(code, default if default is not None else GENERIC)
    with translation.override(lang) if lang else nullcontext():
        rendered = str(text)
    return rendered.format(**params) if params else rendered
