"""The rules an officer's decision on a photo must keep, whichever way it arrives (the
officer's page or X-Road). `refusals()` returns every broken rule at once for the page;
`validate()` raises the first, as the action's own guard."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from luppa.core.errors import Refusal
from luppa.decree import permits, reasons

from ..decision.model import Decision

if TYPE_CHECKING:
    from .model import Photo


class DecisionRefused(Refusal):
    """`field` names the form field at fault; `code` the reason (for messages and tests)."""


class UseRefused(Refusal):
    """Why a use of a photo for a permit cannot be recorded (X-Road)."""


@dataclass
class DecisionInput:
    outcome: str
    permit_type: str
    reasons: list[str] = field(default_factory=list)
    message: str = ""
    medical_exception: bool = False
    change_reason: str = ""


def refusals(photo: Photo, data: DecisionInput) -> list[DecisionRefused]:
    """Every rule the decision breaks, at most one per field, in the order a person reads
    the form: the page shows them all in one round trip."""
    found = []
    if data.permit_type == permits.DRIVING_LICENCE:
        found.append(DecisionRefused("driving_licence", "permit_type"))
    elif data.permit_type not in permits.ALLOWED:
        found.append(DecisionRefused("permit_type", "permit_type"))
    if data.outcome not in Decision.Outcome.values:
        found.append(DecisionRefused("outcome", "outcome"))
    if reason := _reasons_refusal(data):
        found.append(DecisionRefused(reason, "reasons"))
    if photo.latest_decision_id is not None and not data.change_reason.strip():
        found.append(DecisionRefused("change_reason", "change_reason"))
    return found


def _reasons_refusal(data: DecisionInput) -> str | None:
    if any(code not in reasons.BY_CODE for code in data.reasons):
        return "reason"
    if data.outcome == Decision.Outcome.REJECTED and not data.reasons:
        return "no_reason"
    if data.outcome == Decision.Outcome.APPROVED and data.reasons:
        return "reasons_on_approval"
    if data.medical_exception and any(reasons.BY_CODE[c].waivable for c in data.reasons):
        return "waived_section"
    return None


def validate(photo: Photo, data: DecisionInput) -> None:
    """Raises the first of `refusals()`."""
    if found := refusals(photo, data):
        raise found[0]
