"""The officer's fixed list of rejection reasons, following the decree's sections.

Each reason names the automatic checks that speak to it, so the statistics can tell how
often the automatic assessment had already warned about what the officer rejected. Its
decree section, and whether decree 10 § (health or medical reasons) waives it, come from
those checks' definitions; only a reason no check speaks to names its section itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..quality.definition import Section, section
from ..quality.stored import CHECKS_BY_ID


@dataclass(frozen=True)
class Reason:
    code: str
    label: object  # lazy translation
    checks: tuple[str, ...] = ()
    own_section: int | None = None  # only for a reason that no check speaks to

    @property
    def decree_section(self) -> Section | None:
        # The first check is the reason's own ("eyes": expression.eyes_open, 4 §; its
        # face.eyes_visible of 5 § speaks to it too).
        if self.checks:
            return CHECKS_BY_ID[self.checks[0]].section
        return section(self.own_section) if self.own_section else None

    @property
    def section(self) -> str:
        """The decree's section ("3 §"), "" for a reason outside the sections."""
        found = self.decree_section
        return found.label if found else ""

    @property
    def waivable(self) -> bool:
        """Decree 10 §: may a health or medical reason waive this requirement? As its
        checks' definitions say."""
        if self.checks:
            return any(CHECKS_BY_ID[c].waivable for c in self.checks)
        found = self.decree_section
        return bool(found and found.medical_exception)


REASONS: tuple[Reason, ...] = (
    Reason("head_size", _("Pää liian pieni tai liian suuri"),
           ("geometry.crown_to_chin", "geometry.crown_margin", "geometry.chin_margin")),
    Reason("not_centred", _("Pää ei ole keskellä"), ("geometry.centre_line",)),
    Reason("pose", _("Pää ei ole suorassa tai katse ei ole kameraan"),
           ("pose.straight", "pose.gaze")),
    Reason("expression", _("Ilme ei ole neutraali"), ("expression.neutral",)),
    Reason("eyes", _("Silmät kiinni tai peittyneet"),
           ("expression.eyes_open", "face.eyes_visible")),
    Reason("mouth_open", _("Suu on auki"), ("expression.mouth_closed",)),
    Reason("glasses", _("Silmälasien heijastukset tai kehykset"),
           ("accessories.glasses",)),
    Reason("head_covering", _("Päähine peittää kasvoja tai varjostaa"),
           ("accessories.head_covering",)),
    Reason("background", _("Tausta ei ole tasainen tai vaalea"),
           ("background.plain", "background.light", "face.single", "face.hands")),
    Reason("shadows", _("Varjoja tai kirkaspisteitä"),
           ("lighting.even", "lighting.hot_spots")),
    Reason("red_eye", _("Punasilmäisyys"), ("lighting.red_eye",)),
    Reason("exposure", _("Liian tumma tai liian vaalea"), ("lighting.exposure",)),
    Reason("sharpness", _("Epätarkka tai rakeinen"), ("image.sharpness", "image.noise")),
    Reason("compression", _("Pakkaushäiriöitä"), ("format.compression",)),
    Reason("retouched", _("Kuvaa on muokattu"), own_section=8),
    Reason("colour", _("Värivirheitä"), ("image.colour",)),
    Reason("not_applicant", _("Kuva ei esitä hakijaa")),
    Reason("other", _("Muu syy")),
)  # fmt: skip

BY_CODE = {r.code: r for r in REASONS}


def label(code: str) -> str:
    reason = BY_CODE.get(code)
    return str(reason.label) if reason else code


def warned(code: str, flagged_checks: list[str] | set[str]) -> bool:
    """Had the automatic assessment failed or warned on a check behind this reason?"""
    reason = BY_CODE.get(code)
    return bool(reason and set(reason.checks) & set(flagged_checks))
