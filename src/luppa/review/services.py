"""Officer decisions: approve, or reject with reasons; re-deciding needs a reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ..photos.models import Photo
from ..reports.recording import on_decided
from . import permits, reasons
from .models import Decision, StaffMember


class DecisionRefused(Exception):
    """`field` names the form field at fault; `code` the reason (for messages and tests)."""

    def __init__(self, code: str, field_name: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.field = field_name


@dataclass
class DecisionInput:
    outcome: str
    permit_type: str
    reasons: list[str] = field(default_factory=list)
    message: str = ""
    medical_exception: bool = False
    change_reason: str = ""


def validate(photo: Photo, data: DecisionInput) -> None:
    if data.permit_type == permits.DRIVING_LICENCE:
        raise DecisionRefused("driving_licence", "permit_type")
    if data.permit_type not in permits.ALLOWED:
        raise DecisionRefused("permit_type", "permit_type")
    if data.outcome not in Decision.Outcome.values:
        raise DecisionRefused("outcome", "outcome")
    unknown = [code for code in data.reasons if code not in reasons.BY_CODE]
    if unknown:
        raise DecisionRefused("reason", "reasons")
    if data.outcome == Decision.Outcome.REJECTED and not data.reasons:
        raise DecisionRefused("no_reason", "reasons")
    if data.outcome == Decision.Outcome.APPROVED and data.reasons:
        raise DecisionRefused("reasons_on_approval", "reasons")
    if data.medical_exception and any(reasons.BY_CODE[c].waivable for c in data.reasons):
        raise DecisionRefused("waived_section", "reasons")
    if photo.evaluated_at is not None and not data.change_reason.strip():
        raise DecisionRefused("change_reason", "change_reason")


@transaction.atomic
def decide(photo: Photo, officer: StaffMember, data: DecisionInput) -> Decision:
    """Records the decision and shows it to the photographer at once (as new feedback)."""
    photo = Photo.objects.select_for_update().get(pk=photo.pk)
    if photo.state != Photo.State.SUBMITTED:
        raise DecisionRefused("not_submitted")
    validate(photo, data)
    if data.permit_type not in dict(permits.for_organisation(officer.organisation)):
        raise DecisionRefused("permit_type", "permit_type")  # another organisation's permit
    now = timezone.now()
    decision = Decision.objects.create(
        photo=photo,
        officer=officer,
        officer_name=officer.name,
        organisation=officer.organisation,
        outcome=data.outcome,
        reasons=list(data.reasons),
        message=data.message.strip(),
        permit_type=data.permit_type,
        medical_exception=data.medical_exception,
        change_reason=data.change_reason.strip(),
        at=now,
    )
    photo.evaluation = data.outcome
    photo.evaluated_at = now
    photo.officer_name = officer.name
    photo.rejection_reasons = list(data.reasons)
    photo.officer_message = decision.message
    # The latest decision says whether the 10 § exception applies.
    photo.medical_exception = data.medical_exception
    photo.feedback_seen_at = None
    photo.save(
        update_fields=[
            "evaluation", "evaluated_at", "officer_name", "rejection_reasons",
            "officer_message", "medical_exception", "feedback_seen_at",
        ]
    )  # fmt: skip
    on_decided(photo)
    return decision
