"""The officer's fixed list of rejection reasons, following the decree's sections.

Each reason names the automatic checks that speak to it, so the statistics can tell how
often the automatic assessment had already warned about what the officer rejected.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..quality.report import WAIVABLE_SECTIONS


@dataclass(frozen=True)
class Reason:
    code: str
    section: str
    label: object  # lazy translation
    checks: tuple[str, ...] = ()

    @property
    def waivable(self) -> bool:
        """Decree 10 §: sections 3–5 may be waived for health or medical reasons."""
        return self.section in WAIVABLE_SECTIONS


REASONS: tuple[Reason, ...] = (
    Reason("head_size", "2 §", _("Pää liian pieni tai liian suuri"),
           ("geometry.crown_to_chin", "geometry.crown_margin", "geometry.chin_margin")),
    Reason("not_centred", "2 §", _("Pää ei ole keskellä"), ("geometry.centre_line",)),
    Reason("pose", "3 §", _("Pää ei ole suorassa tai katse ei ole kameraan"),
           ("pose.straight", "pose.gaze")),
    Reason("expression", "4 §", _("Ilme ei ole neutraali"), ("expression.neutral",)),
    Reason("eyes", "4 §", _("Silmät kiinni tai peittyneet"),
           ("expression.eyes_open", "face.eyes_visible")),
    Reason("mouth_open", "4 §", _("Suu on auki"), ("expression.mouth_closed",)),
    Reason("glasses", "5 §", _("Silmälasien heijastukset tai kehykset"),
           ("accessories.glasses",)),
    Reason("head_covering", "5 §", _("Päähine peittää kasvoja tai varjostaa"),
           ("accessories.head_covering",)),
    Reason("background", "6 §", _("Tausta ei ole tasainen tai vaalea"),
           ("background.plain", "background.light", "face.single", "face.hands")),
    Reason("shadows", "7 §", _("Varjoja tai kirkaspisteitä"),
           ("lighting.even", "lighting.hot_spots")),
    Reason("red_eye", "7 §", _("Punasilmäisyys"), ("lighting.red_eye",)),
    Reason("exposure", "7 §", _("Liian tumma tai liian vaalea"), ("lighting.exposure",)),
    Reason("sharpness", "8 §", _("Epätarkka tai rakeinen"), ("image.sharpness", "image.noise")),
    Reason("compression", "9 §", _("Pakkaushäiriöitä"), ("format.compression",)),
    Reason("retouched", "8 §", _("Kuvaa on muokattu")),
    Reason("colour", "8 §", _("Värivirheitä"), ("image.colour",)),
    Reason("not_applicant", "", _("Kuva ei esitä hakijaa")),
    Reason("other", "", _("Muu syy")),
)  # fmt: skip

BY_CODE = {r.code: r for r in REASONS}


def label(code: str) -> str:
    reason = BY_CODE.get(code)
    return str(reason.label) if reason else code


def warned(code: str, flagged_checks: list[str] | set[str]) -> bool:
    """Had the automatic assessment failed or warned on a check behind this reason?"""
    reason = BY_CODE.get(code)
    return bool(reason and set(reason.checks) & set(flagged_checks))
