"""The list of checks and what defines each. A check is a function of an Analysis that
returns an Outcome, registered with its definition (section, measures, limit)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .analysis import Analysis
from .definition import Bound, Limit, Measure, Section, section
from .messages import MESSAGES, render
from .report import CheckResult, Status


@dataclass(frozen=True)
class Outcome:
    status: Status
    value: Any
    key: str  # message key suffix: "<check id>.<key>"
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    """One check, self-describing: its id, the decree section it speaks to (which knows
    whether decree 10 §'s medical exception waives it), what it measures (each measure's
    name and unit), its limit as numbers, and the function that measures it. Its texts are
    the quality catalogues' "<id>.title", "<id>.<outcome>" and, for a limit that is no
    number, "<id>.limit"; the names of its measures are "value.<name>"."""

    id: str
    section: Section
    limit: Limit
    run: Callable[[Analysis], Outcome]
    measures: tuple[Measure, ...] = ()

    @property
    def waivable(self) -> bool:
        """Decree 10 §: may a health or medical reason waive this requirement?"""
        return self.section.medical_exception

    @property
    def title_key(self) -> str:
        return f"{self.id}.title"

    @property
    def units(self) -> dict[str, str]:
        """The unit of each measure by name; "" is the unit of a value that is one number."""
        units = {m.name: m.unit for m in self.measures}
        if len(self.measures) == 1:
            units[""] = self.measures[0].unit
        return units

    @property
    def message_keys(self) -> tuple[str, ...]:
        """The catalogue keys of its outcomes ("<id>.ok", "<id>.tilted", ...): what it can say."""
        own = (self.title_key, f"{self.id}.limit")
        return tuple(k for k in MESSAGES if k.startswith(f"{self.id}.") and k not in own)

    def title(self, lang: str = "fi") -> str:
        return render(self.title_key, lang)

    def __call__(self, analysis: Analysis) -> CheckResult:
        outcome = self.run(analysis)
        key = outcome.key if outcome.key.startswith("common.") else f"{self.id}.{outcome.key}"
        return CheckResult(
            id=self.id,
            section=self.section.label,
            status=outcome.status,
            value=outcome.value,
            limit=self.limit.to_json(),
            message_key=key,
            params={"value": outcome.value, **outcome.params},
            units=self.units,
            waivable=self.waivable,
        )


CHECKS: list[Check] = []
BY_ID: dict[str, Check] = {}


def check(
    check_id: str,
    section_number: int,
    *bounds: Bound,
    measures: tuple[Measure, ...] = (),
    limit_params: dict[str, Any] | None = None,
) -> Callable[[Callable], Callable]:
    """Register a check: `bounds` are its limit as numbers; without any, its limit is the
    catalogue text "<id>.limit" (filled with `limit_params`). `measures` adds the measures
    that no bound names, so that every part of the value has a name and unit."""

    def register(func: Callable[[Analysis], Outcome]) -> Callable[[Analysis], Outcome]:
        if bounds:
            limit = Limit(bounds=tuple(bounds))
        else:
            limit = Limit(text_key=f"{check_id}.limit", params=dict(limit_params or {}))
        named = tuple(dict.fromkeys([*(b.measure for b in bounds), *measures]))
        definition = Check(check_id, section(section_number), limit, func, named)
        if check_id in BY_ID:
            raise ValueError(f"check {check_id} is defined twice")
        CHECKS.append(definition)
        BY_ID[check_id] = definition
        return func

    return register


def passed(value: Any, key: str = "ok", **params: Any) -> Outcome:
    return Outcome(Status.PASS, value, key, params)


def failed(value: Any, key: str, **params: Any) -> Outcome:
    return Outcome(Status.FAIL, value, key, params)


def warned(value: Any, key: str, **params: Any) -> Outcome:
    return Outcome(Status.WARN, value, key, params)


def graded(
    value: Any, fail_at: float, warn_at: float, fail_key: str, warn_key: str, **params: Any
) -> Outcome:
    """Fail beyond fail_at, warn beyond warn_at, else pass. Thresholds below the passing
    side (fail_at < warn_at) grade values that must stay high, such as an eye's opening."""
    high = fail_at >= warn_at
    if (value > fail_at) if high else (value < fail_at):
        return failed(value, fail_key, **params)
    if (value > warn_at) if high else (value < warn_at):
        return warned(value, warn_key, **params)
    return passed(value, **params)


def no_face() -> Outcome:
    return Outcome(Status.NOT_EVALUATED, None, "common.no_face")


def not_in_frame() -> Outcome:
    return Outcome(Status.NOT_EVALUATED, None, "common.not_in_frame")
