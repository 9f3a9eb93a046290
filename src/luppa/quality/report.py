"""The result of assessing one photo: plain data, rendered to JSON or text in one language."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .messages import MESSAGES, format_value, localise_limit, render

# Decree 10 §: the requirements of 3–5 § may be waived for health or medical reasons.
WAIVABLE_SECTIONS = ("3 §", "4 §", "5 §")


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    NOT_EVALUATED = "not_evaluated"


@dataclass(frozen=True)
class CheckResult:
    id: str
    section: str
    status: Status
    value: Any
    limit: str
    message_key: str
    params: dict[str, Any] = field(default_factory=dict)
    limit_params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "fi") -> str:
        return render(self.message_key, lang, self.params)

    def limit_text(self, lang: str = "fi") -> str:
        """The limit in `lang`, from the check's structured limit where it has one."""
        key = f"{self.id}.limit"
        if key in MESSAGES:
            return render(
                key, lang, {k: format_value(v, lang) for k, v in self.limit_params.items()}
            )
        return localise_limit(self.limit, lang)

    def to_dict(self, lang: str = "fi") -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "status": str(self.status),
            "value": self.value,
            "limit": self.limit_text(lang),
            "message": self.message(lang),
            # Added fields: the value as a person reads it, and whether decree 10 § (health
            # or medical reasons) may waive this requirement (sections 3-5).
            "value_text": format_value(self.value, lang),
            "waivable": self.section in WAIVABLE_SECTIONS,
        }


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
