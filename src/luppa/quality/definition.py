"""What a check is, as data: its decree section (and whether decree 10 § waives it), the
quantities it measures with their units, and its limit as numbers. Rendered per language
from the quality catalogues (quality.messages): the numbers with the language's decimal
sign, units and names of quantities as each language writes them.

A limit is stored with each result in this language-neutral form (`Limit.to_json`), so a
photo judged today shows the limit it was judged against, in any language, later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .messages import LANGUAGES, MESSAGES, render


@dataclass(frozen=True)
class Section:
    """A section of decree 1168/2016 that a check speaks to."""

    number: int
    # Decree 10 §: the requirements of 3–5 § may be waived for health or medical reasons.
    medical_exception: bool = False

    @property
    def label(self) -> str:
        return f"{self.number} §"

    def __str__(self) -> str:
        return self.label


# The sections with automatic checks, and the decree's 10 § said once: it waives 3–5 §.
SECTIONS: Mapping[str, Section] = {
    s.label: s
    for s in (
        Section(2),
        Section(3, medical_exception=True),
        Section(4, medical_exception=True),
        Section(5, medical_exception=True),
        Section(6),
        Section(7),
        Section(8),
        Section(9),
    )
}


def section(number: int) -> Section:
    return SECTIONS[f"{number} §"]


# How a number of each unit is shown: "unit.<unit>" in the catalogues ("{n} px"), and the
# factor from the stored number (shares are stored 0–1 and shown as per cent).
UNIT_SCALE = {"percent": 100.0}


@dataclass(frozen=True)
class Measure:
    """A measured quantity: its name is the key in a check's value ({"roll": -3.1}) and
    "value.<name>" names it in each language; the unit formats its numbers."""

    name: str
    unit: str = ""  # "" a plain number; else "unit.<unit>" in the catalogues


@dataclass(frozen=True)
class Bound:
    """One number (or range) of a limit: low ≤ measure ≤ high, or |measure| ≤ high."""

    measure: Measure
    low: float | None = None
    high: float | None = None
    symmetric: bool = False  # ±high: the measure is signed, its size is bounded

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"measure": self.measure.name, "unit": self.measure.unit}
        if self.low is not None:
            data["low"] = self.low
        if self.high is not None:
            data["high"] = self.high
        if self.symmetric:
            data["symmetric"] = True
        return data


@dataclass(frozen=True)
class Limit:
    """A check's limit: numbers (bounds), or, for a limit that is no number ("JPEG"), the
    catalogue text "<check id>.limit" with its parameters."""

    bounds: tuple[Bound, ...] = ()
    text_key: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        if self.text_key:
            return {"key": self.text_key, "params": dict(self.params)}
        return {"bounds": [b.to_json() for b in self.bounds]}

    def render(self, lang: str = "fi") -> str:
        return render_limit(self.to_json(), lang)


def _lang(lang: str) -> str:
    return lang if lang in LANGUAGES else "fi"


def number_text(value: float, lang: str = "fi") -> str:
    """A number as a person reads it in `lang`: at most three significant digits below a
    thousand, no trailing zeros, and a decimal comma in Finnish and Swedish."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and abs(value) < 0.0005:
        value = 0
    if isinstance(value, int) or float(value).is_integer() or abs(value) >= 1000:
        text = str(round(value))
    else:
        text = f"{value:.3g}"
    return text.replace(".", ",") if _lang(lang) in ("fi", "sv") else text


def with_unit(text: str, unit: str, lang: str = "fi") -> str:
    """A number (already text) with its unit as `lang` writes it ("2 %", "2%", "8°")."""
    key = f"unit.{unit}"
    return render(key, _lang(lang), {"n": text}) if unit and key in MESSAGES else text


def _scaled(value: float, unit: str) -> float:
    return value * UNIT_SCALE.get(unit, 1.0)


def measure_label(name: str, lang: str = "fi") -> str:
    key = f"value.{name}"
    return render(key, _lang(lang)) if key in MESSAGES else name


def render_bound(bound: Mapping[str, Any], lang: str = "fi") -> str:
    unit = str(bound.get("unit") or "")
    low, high = bound.get("low"), bound.get("high")

    def num(v: float) -> str:
        return number_text(_scaled(v, unit), lang)

    if bound.get("symmetric") and high is not None:
        text = "±" + with_unit(num(high), unit, lang)
    elif low is not None and high is not None:
        text = with_unit(num(low) if low == high else f"{num(low)}–{num(high)}", unit, lang)
    elif high is not None:
        text = "≤ " + with_unit(num(high), unit, lang)
    elif low is not None:
        text = "≥ " + with_unit(num(low), unit, lang)
    else:
        return ""
    name = str(bound.get("measure") or "")
    return f"{measure_label(name, lang)} {text}" if name else text


def render_limit(spec: Mapping[str, Any] | None, lang: str = "fi") -> str:
    """A stored limit (Limit.to_json) as text in `lang`; "" for none."""
    if not spec:
        return ""
    key = spec.get("key")
    if key:
        if key not in MESSAGES:
            return ""
        params = {k: number_text(v, lang) for k, v in (spec.get("params") or {}).items()}
        return render(str(key), _lang(lang), params)
    return ", ".join(t for t in (render_bound(b, lang) for b in spec.get("bounds") or ()) if t)


def render_value(value: Any, units: Mapping[str, str] | None = None, lang: str = "fi") -> str:
    """A check's measured value as text in `lang`. A value of named parts
    ({"roll": -3.1, "yaw": -8.8}) shows each part's name in `lang` and its unit; a single
    number shows the unit of the check's single measure (units[""])."""
    units = units or {}
    if value is None:
        return "–"
    if isinstance(value, dict):
        return "; ".join(
            f"{measure_label(k, lang)} {render_value(v, {'': units.get(k, '')}, lang)}"
            for k, v in value.items()
        )
    if isinstance(value, bool):
        key = "term.yes" if value else "term.no"
        return render(key, _lang(lang)) if key in MESSAGES else str(value)
    if isinstance(value, int | float):
        unit = units.get("", "")
        return with_unit(number_text(_scaled(value, unit), lang), unit, lang)
    if isinstance(value, str):
        # Readings stored as words ("JPEG progressive") have their texts as "reading.<word>".
        key = f"reading.{value}"
        return render(key, _lang(lang)) if key in MESSAGES else value
    return str(value)
