"""What changes a photo's review state: recording an officer's decision, and attaching the
photo to a permit application (a use).

The officer's page (officer.services.decide) and the X-Road decision endpoint both call
`record_decision()`, so the same rules, the same pointer to the latest decision and the same
event hold whichever way a decision arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from luppa.audit.log import record
from luppa.decree import permits

from ...signals import photo_decided
from ..decision.model import Decision, PhotoUse
from .model import Photo
from .validators import DecisionInput, DecisionRefused, UseRefused, validate


@dataclass(frozen=True)
class DecidedBy:
    """Who decides: an officer on the officer's page (`officer_pk`, their Officer row) or an
    officer in a permit application system calling over X-Road (`xroad_client`, `xroad_user`).
    `name` and `organisation` are recorded on the decision either way."""

    name: str
    organisation: str
    officer_pk: int | None = None
    xroad_client: str = ""
    xroad_user: str = ""


@transaction.atomic
def record_decision(
    photo: Photo,
    by: DecidedBy,
    data: DecisionInput,
    request: Any = None,
    audit_action: str = "officer.decide",
) -> Decision:
    """Records the decision, points the photo at it and shows it to the photographer at once
    (as new feedback); `photo_decided` reaches the statistics in this transaction."""
    photo = Photo.objects.select_for_update().get(pk=photo.pk)
    if photo.state != Photo.State.SUBMITTED:
        raise DecisionRefused("not_submitted")
    validate(photo, data)
    if data.permit_type not in dict(permits.for_organisation(by.organisation)):
        raise DecisionRefused("permit_type", "permit_type")  # another organisation's permit
    decision = Decision.objects.create(
        photo=photo,
        officer_id=by.officer_pk,
        officer_name=by.name,
        organisation=by.organisation,
        xroad_client=by.xroad_client,
        xroad_user=by.xroad_user,
        outcome=data.outcome,
        reasons=list(data.reasons),
        message=data.message.strip(),
        permit_type=data.permit_type,
        medical_exception=data.medical_exception,
        change_reason=data.change_reason.strip(),
        at=timezone.now(),
    )
    photo.latest_decision = decision
    photo.evaluation = data.outcome
    photo.feedback_seen_at = None
    photo.save(update_fields=["latest_decision", "evaluation", "feedback_seen_at"])
    photo_decided.send(Photo, photo=photo)
    record(request, audit_action, photos=[photo], account_id=photo.account_id,
           query={"outcome": decision.outcome, "permit_type": decision.permit_type,
                  "reasons": ",".join(decision.reasons)})  # fmt: skip
    return decision


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
