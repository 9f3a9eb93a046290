"""The list of checks. A check is a function of an Analysis that returns an Outcome."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .analysis import Analysis
from .report import CheckResult, Status


@dataclass(frozen=True)
class Outcome:
    status: Status
    value: Any
    key: str  # message key suffix: "<check id>.<key>"
    params: dict[str, Any] = field(default_factory=dict)
    limit: str | None = None  # overrides the check's usual limit text


@dataclass(frozen=True)
class Check:
    """One check, self-describing: id, decree section, its limit as English text and as
    numbers (limit_params, rendered per language from the "<id>.limit" message), and the
    function that measures it. Title and texts live in quality.messages under "<id>.*"."""

    id: str
    section: str
    limit: str
    run: Callable[[Analysis], Outcome]
    limit_params: dict[str, Any] = field(default_factory=dict)

    def __call__(self, analysis: Analysis) -> CheckResult:
        outcome = self.run(analysis)
        key = outcome.key if outcome.key.startswith("common.") else f"{self.id}.{outcome.key}"
        return CheckResult(
            id=self.id,
            section=self.section,
            status=outcome.status,
            value=outcome.value,
            limit=outcome.limit or self.limit,
            message_key=key,
            params={"value": outcome.value, **outcome.params},
            limit_params=self.limit_params if outcome.limit is None else {},
        )


CHECKS: list[Check] = []


def check(
    check_id: str, section: str, limit: str, limit_params: dict[str, Any] | None = None
) -> Callable[[Callable], Callable]:
    def register(func: Callable[[Analysis], Outcome]) -> Callable[[Analysis], Outcome]:
        CHECKS.append(Check(check_id, section, limit, func, dict(limit_params or {})))
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
