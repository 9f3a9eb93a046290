"""The decree's sections as the guided upload walks them: one step per section, each with
the requirements the photographer ticks and the automatic checks that belong to it.

Shared with the officer's service, which shows the same sections and check names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise, lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..quality import CHECK_IDS, CHECKS
from ..quality.definition import Section, section
from ..quality.messages import LANGUAGES
from ..quality.stored import section_of, title


@dataclass(frozen=True)
class Step:
    number: int
    section_numbers: tuple[int, ...]  # the decree's sections this step walks
    title: Promise
    requirements: tuple[tuple[str, Promise], ...]  # (stable key, text to tick)

    @property
    def sections(self) -> tuple[str, ...]:
        """The sections as the checks name them ("2 §")."""
        return tuple(section(n).label for n in self.section_numbers)

    @property
    def medical_exception(self) -> bool:
        """Decree 10 §: may a health or medical reason waive this step's requirements? The
        quality package's definition of the decree's sections says (3–5 §)."""
        return any(section(n).medical_exception for n in self.section_numbers)

    @property
    def check_ids(self) -> tuple[str, ...]:
        """The automatic checks of this step's sections, from the checks' own definitions."""
        return tuple(c.id for c in CHECKS if c.section.number in self.section_numbers)

    @property
    def requirement_keys(self) -> tuple[str, ...]:
        return tuple(key for key, _text in self.requirements)

    @property
    def sections_label(self) -> str:
        return ", ".join(self.sections)


STEPS: tuple[Step, ...] = (
    Step(
        1,
        (2,),
        _("Kuvan koko sekä kasvojen mittasuhteet ja asemointi"),
        (
            ("size", _("Kuva on 500 pikseliä leveä ja 653 pikseliä korkea.")),
            (
                "centre",
                _("Kasvojen keskilinja on enintään 21 pikselin päässä kuvan keskilinjasta."),
            ),
            ("crown", _("Päälaki on 56–84 pikselin päässä kuvan yläreunasta.")),
            ("chin", _("Leuankärki on 96–124 pikselin päässä kuvan alareunasta.")),
            ("head", _("Päälaen ja leuankärjen väli on 445–500 pikseliä.")),
            ("hair", _("Mittasuhteissa ei ole laskettu mukaan hiuksia eikä partaa.")),
        ),
    ),
    Step(
        2,
        (3,),
        _("Asento"),
        (
            ("head_straight", _("Pää on suorassa.")),
            ("gaze", _("Kasvot ja katse kohdistuvat suoraan kameraan.")),
            (
                "shoulders",
                _("Kuva on otettu suoraan edestä, hartiat samassa linjassa kasvojen kanssa."),
            ),
        ),
    ),
    Step(
        3,
        (4,),
        _("Ilmeet"),
        (
            ("neutral", _("Ilme on neutraali.")),
            ("eyes", _("Silmät ovat auki eikä niitä siristetä.")),
            ("mouth", _("Suu on kiinni (pienen lapsen suu voi olla vähän auki).")),
        ),
    ),
    Step(
        4,
        (5,),
        _("Hiukset ja asusteet"),
        (
            ("hair", _("Hiukset eivät peitä kasvoja, ja silmät erottuvat selvästi.")),
            (
                "frames",
                _("Silmälasien kehykset eivät mene silmien päälle eivätkä ole liian paksut."),
            ),
            (
                "glasses_light",
                _("Lasit eivät aiheuta varjoja, eikä linsseissä tai kehyksissä näy heijastumia."),
            ),
            (
                "headwear",
                _(
                    "Päähinettä käytetään vain uskonnollisesta tai vakiintuneesta kansantavasta "
                    "johtuvasta syystä, eikä se peitä kasvoja tai aiheuta varjoja."
                ),
            ),
        ),
    ),
    Step(
        5,
        (6,),
        _("Tausta"),
        (
            ("plain", _("Tausta on yksivärinen, tasainen, väriltään neutraali ja vaalea.")),
            ("contrast", _("Kasvot, hiukset, vaatteet ja asusteet erottuvat selvästi taustasta.")),
            (
                "alone",
                _("Kuvassa ei näy muita ihmisiä eikä tavaroita, ei myöskään lapsen tukijaa."),
            ),
        ),
    ),
    Step(
        6,
        (7,),
        _("Valaistus"),
        (
            ("even", _("Valaistus on tasainen ja väriltään luonnollinen.")),
            ("shadows", _("Kasvoissa tai taustassa ei ole varjoja eikä kirkaspisteitä.")),
            ("red_eye", _("Kuvassa ei ole punasilmäisyyttä.")),
            ("exposure", _("Kuva ei ole yli- eikä alivalottunut.")),
        ),
    ),
    Step(
        7,
        (8, 9),
        _("Kuvan tekniset ominaisuudet ja toimittaminen"),
        (
            ("sharp", _("Kuva on terävä ja tarkka koko kasvojen alueelta.")),
            ("unedited", _("Kuvaa ei ole muokattu niin, että ulkonäön yksityiskohdat muuttuvat.")),
            ("distortion", _("Kuvassa ei ole optisia vääristymiä eikä värivirheitä.")),
            (
                "compression",
                _("Kuvassa ei näy pakkaamisesta aiheutuvia häiriöitä; JPEG, enintään 250 kt."),
            ),
            ("age", _("Kuva on otettu enintään kuusi kuukautta sitten.")),
        ),
    ),
)

LAST_STEP = len(STEPS)


# Names of the automatic checks, for tables and the officer's view: the quality package's
# own catalogue (quality.messages, "<check id>.title"), in the active language.
def _check_title(check_id: str) -> str:
    lang = (get_language() or "fi")[:2]
    return title(check_id, lang if lang in LANGUAGES else "fi")


CHECK_TITLES: dict[str, Promise] = {
    check_id: lazy(_check_title, str)(check_id) for check_id in CHECK_IDS
}


def get_step(number: int) -> Step | None:
    return STEPS[number - 1] if 1 <= number <= LAST_STEP else None


def step_for_section(section: str | Section) -> Step | None:
    """The step of a section, given as the checks name it ("3 §") or as the Section."""
    label = str(section)
    return next((s for s in STEPS if label in s.sections), None)


def checks_for_step(checks: Iterable[dict[str, Any]], step: Step) -> list[dict[str, Any]]:
    """The stored checks that belong to the step's sections, in their stored order."""
    return [c for c in checks if section_of(c) in step.sections]


def step_complete(step: Step, ticks: dict[str, list[str]], medical_exception: bool) -> bool:
    if step.medical_exception and medical_exception:
        return True
    return set(step.requirement_keys) <= set(ticks.get(str(step.number), ()))


def first_incomplete(ticks: dict[str, list[str]], medical_exception: bool) -> Step | None:
    return next((s for s in STEPS if not step_complete(s, ticks, medical_exception)), None)
