"""The result of assessing one photo: plain data, rendered to JSON or text in one language."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .definition import SECTIONS, render_limit, render_value
from .messages import localise_limit, render


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    NOT_EVALUATED = "not_evaluated"


@dataclass(frozen=True)
class CheckResult:
    id: str
    section: str  # the decree's section, "3 §"
    status: Status
    value: Any
    limit: dict[str, Any]  # the check's limit, language-neutral (definition.Limit.to_json)
    message_key: str
    params: dict[str, Any] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)  # measure name -> unit
    waivable: bool = False  # decree 10 §: a health or medical reason may waive it

    def message(self, lang: str = "fi") -> str:
        return render(self.message_key, lang, self.params)

    def title(self, lang: str = "fi") -> str:
        return render(f"{self.id}.title", lang)

    def limit_text(self, lang: str = "fi") -> str:
        return render_limit(self.limit, lang)

    def value_text(self, lang: str = "fi") -> str:
        return render_value(self.value, self.units, lang)

    def to_dict(self, lang: str = "fi") -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "title": self.title(lang),
            "status": str(self.status),
            "value": self.value,
            "limit": self.limit_text(lang),
            "message": self.message(lang),
            # The value as a person reads it, and whether decree 10 § (health or medical
            # reasons) may waive this requirement.
            "value_text": self.value_text(lang),
            "waivable": self.waivable,
        }


def is_waivable(section_label: str) -> bool:
    """Whether decree 10 § waives a section given by its label ("3 §"): for stored results
    of checks that no longer exist."""
    known = SECTIONS.get(section_label)
    return bool(known and known.medical_exception)


def stored_limit_text(stored: dict[str, Any], lang: str = "fi") -> str:
    """The limit of a stored result in `lang`: from its structured limit, or, for results
    stored before limits were structured, from the English text they kept."""
    spec = stored.get("limit_spec")
    if isinstance(spec, dict):
        return render_limit(spec, lang)
    return localise_limit(str(stored.get("limit") or ""), lang)


@dataclass(frozen=True)
class Geometry:
    """Head position in the 500x653 frame (pixels; y grows downwards)."""

    crown_y: float
    chin_y: float
    centre_x: float
    width: int
    height: int

    @property
    def crown_to_chin(self) -> float:
        return self.chin_y - self.crown_y

    @property
    def crown_margin(self) -> float:
        return self.crown_y

    @property
    def chin_margin(self) -> float:
        return self.height - self.chin_y

    @property
    def centre_offset(self) -> float:
        return abs(self.centre_x - self.width / 2)

    def to_dict(self) -> dict[str, float]:
        return {
            "crown_y": round(self.crown_y),
            "chin_y": round(self.chin_y),
            "crown_to_chin": round(self.crown_to_chin),
            "crown_margin": round(self.crown_margin),
            "chin_margin": round(self.chin_margin),
            "centre_x": round(self.centre_x, 1),
            "centre_offset": round(self.centre_offset, 1),
        }


@dataclass
class Report:
    file: str
    checks: list[CheckResult] = field(default_factory=list)
    geometry: Geometry | None = None
    error_key: str | None = None
    error_params: dict[str, Any] = field(default_factory=dict)
    elapsed_ms: float = 0.0

    @property
    def verdict(self) -> str:
        if self.error_key:
            return "error"
        if any(c.status is Status.FAIL for c in self.checks):
            return "fail"
        return "pass"

    def error(self, lang: str = "fi") -> str | None:
        return render(self.error_key, lang, self.error_params) if self.error_key else None

    def get(self, check_id: str) -> CheckResult:
        return next(c for c in self.checks if c.id == check_id)

    def to_dict(self, lang: str = "fi") -> dict[str, Any]:
        return {
            "file": self.file,
            "verdict": self.verdict,
            "error": self.error(lang),
            "checks": [c.to_dict(lang) for c in self.checks],
            "geometry": self.geometry.to_dict() if self.geometry else None,
            "elapsed_ms": round(self.elapsed_ms, 1),
        }
