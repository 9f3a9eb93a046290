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

from ..quality import CHECK_IDS
from ..quality.messages import LANGUAGES, render


@dataclass(frozen=True)
class Step:
    number: int
    sections: tuple[str, ...]  # the decree's sections, as the checks name them ("2 §")
    title: Promise
    requirements: tuple[tuple[str, Promise], ...]  # (stable key, text to tick)
    # Decree 10 §: requirements of 3–5 § may be waived for health or medical reasons.
    medical_exception: bool = False

    @property
    def requirement_keys(self) -> tuple[str, ...]:
        return tuple(key for key, _text in self.requirements)

    @property
    def sections_label(self) -> str:
        return ", ".join(self.sections)


STEPS: tuple[Step, ...] = (
    Step(
        1,
        ("2 §",),
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
        ("3 §",),
        _("Asento"),
        (
            ("head_straight", _("Pää on suorassa.")),
            ("gaze", _("Kasvot ja katse kohdistuvat suoraan kameraan.")),
            (
                "shoulders",
                _("Kuva on otettu suoraan edestä, hartiat samassa linjassa kasvojen kanssa."),
            ),
        ),
        medical_exception=True,
    ),
    Step(
        3,
        ("4 §",),
        _("Ilmeet"),
        (
            ("neutral", _("Ilme on neutraali.")),
            ("eyes", _("Silmät ovat auki eikä niitä siristetä.")),
            ("mouth", _("Suu on kiinni (pienen lapsen suu voi olla vähän auki).")),
        ),
        medical_exception=True,
    ),
    Step(
        4,
        ("5 §",),
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
        medical_exception=True,
    ),
    Step(
        5,
        ("6 §",),
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
        ("7 §",),
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
        ("8 §", "9 §"),
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
    return render(f"{check_id}.title", lang if lang in LANGUAGES else "fi")


CHECK_TITLES: dict[str, Promise] = {
    check_id: lazy(_check_title, str)(check_id) for check_id in CHECK_IDS
}


def get_step(number: int) -> Step | None:
    return STEPS[number - 1] if 1 <= number <= LAST_STEP else None


def step_for_section(section: str) -> Step | None:
    return next((s for s in STEPS if section in s.sections), None)


def checks_for_step(checks: Iterable[dict[str, Any]], step: Step) -> list[dict[str, Any]]:
    """The stored checks that belong to the step's sections, in their stored order."""
    return [c for c in checks if c.get("section") in step.sections]


def step_complete(step: Step, ticks: dict[str, list[str]], medical_exception: bool) -> bool:
    if step.medical_exception and medical_exception:
        return True
    return set(step.requirement_keys) <= set(ticks.get(str(step.number), ()))


def first_incomplete(ticks: dict[str, list[str]], medical_exception: bool) -> Step | None:
    return next((s for s in STEPS if not step_complete(s, ticks, medical_exception)), None)
