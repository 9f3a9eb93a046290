"""Officer decisions: approve, or reject with reasons; re-deciding needs a reason. Uses: the
applications a photo has been attached to.

The officer's page and the X-Road service (luppa.xroad) both decide through `decide()`, so
the same rules hold whichever way a decision arrives. An officer on the page is a
Officer; one in a permit application system is known by the name and user the system
sends (ExternalOfficer). Each decision and use is audited in its own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..audit.log import record
from ..decree import permits, reasons
from ..photos.models import Photo
from ..photos.signals import photo_decided
from .models import Decision, Officer, PhotoUse


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


@dataclass(frozen=True)
class ExternalOfficer:
    """An officer working in a permit application system that calls over X-Road."""

    name: str
    organisation: str
    xroad_client: str
    xroad_user: str


@transaction.atomic
def decide(
    photo: Photo,
    officer: Officer | ExternalOfficer,
    data: DecisionInput,
    request: Any = None,
    action: str = "officer.decide",
) -> Decision:
    """Records the decision and shows it to the photographer at once (as new feedback)."""
    photo = Photo.objects.select_for_update().get(pk=photo.pk)
    if photo.state != Photo.State.SUBMITTED:
        raise DecisionRefused("not_submitted")
    validate(photo, data)
    if data.permit_type not in dict(permits.for_organisation(officer.organisation)):
        raise DecisionRefused("permit_type", "permit_type")  # another organisation's permit
    now = timezone.now()
    external = isinstance(officer, ExternalOfficer)
    decision = Decision.objects.create(
        photo=photo,
        officer=None if external else officer,
        officer_name=officer.name,
        organisation=officer.organisation,
        xroad_client=officer.xroad_client if external else "",
        xroad_user=officer.xroad_user if external else "",
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
    photo_decided.send(Photo, photo=photo)  # the statistics, in this transaction
    record(request, action, photos=[photo], account_id=photo.account_id,
           query={"outcome": decision.outcome, "permit_type": decision.permit_type,
                  "reasons": ",".join(decision.reasons)})  # fmt: skip
    return decision


class UseRefused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@transaction.atomic
def record_use(
    photo: Photo,
    application_number: str,
    permit_type: str,
    organisation: str,
    xroad_client: str = "",
    request: Any = None,
) -> tuple[PhotoUse, bool]:
    """Attaches the photo to an application (SPEC §3: one photo, several applications).

    Returns (use, created); attaching it to the same application again changes nothing."""
    photo = Photo.objects.select_for_update().get(pk=photo.pk)
    if photo.state != Photo.State.SUBMITTED:
        raise UseRefused("not_submitted")
    if permit_type == permits.DRIVING_LICENCE:
        raise UseRefused("driving_licence")
    if permit_type not in permits.ALLOWED:
        raise UseRefused("permit_type")
    use, created = PhotoUse.objects.get_or_create(
        photo=photo,
        application_number=application_number,
        defaults={
            "permit_type": permit_type,
            "organisation": organisation,
            "xroad_client": xroad_client,
        },
    )
    if not created and use.permit_type != permit_type:
        raise UseRefused("conflict")
    if created:
        record(request, "photo.use", photos=[photo], account_id=photo.account_id,
               query={"permit_type": permit_type})  # fmt: skip
    return use, created
