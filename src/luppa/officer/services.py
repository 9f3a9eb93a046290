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

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..accounts.models import User
from ..audit.log import record
from ..core.errors import Refusal
from ..decree import permits, reasons
from ..integrations.authorizations import person_key
from ..photos.models import Photo
from ..photos.signals import photo_decided
from .models import Decision, Officer, PhotoUse


class DecisionRefused(Refusal):
    """`field` names the form field at fault; `code` the reason (for messages and tests)."""


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
    if photo.evaluated_at is not None and not data.change_reason.strip():
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
    """Raises the first of `refusals()` (the service's own guard)."""
    if found := refusals(photo, data):
        raise found[0]


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


class OfficerRefused(Refusal):
    """Codes: "already_officer" (the person already has an officer's rights)."""


def add_officer(hetu: str, name: str, role: str, admin: Officer, request: Any = None) -> Officer:
    """An administrator gives a person (by HETU: only its keyed hash is stored) an officer's
    rights in the administrator's own organisation, from their next sign-in."""
    key = person_key(hetu)
    try:
        with transaction.atomic():
            user = User.objects.filter(username=key).first()
            if user is None:
                user = User(username=key, full_name=name)
                user.set_unusable_password()
                user.save()
            elif Officer.objects.filter(user=user).exists():
                raise OfficerRefused("already_officer", "hetu")
            member = Officer.objects.create(
                user=user, name=name, organisation=admin.organisation, role=role
            )
            record(request, "officer.add", query={"staff": member.pk, "role": member.role})
            return member
    except IntegrityError:
        # Another administrator added the same person at the same moment.
        raise OfficerRefused("already_officer", "hetu") from None


class UseRefused(Refusal):
    """Why a use of a photo for a permit cannot be recorded (X-Road)."""


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
