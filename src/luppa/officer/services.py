"""Officer decisions: approve, or reject with reasons; re-deciding needs a reason. Uses: the
applications a photo has been attached to (recorded by the photo layer's record_use()).

The decision's rules and its recording are the photo layer's (photos/models/photo/
validators.py and actions.py): the officer's page decides through `decide()` here, the X-Road
service (luppa.xroad) calls the same `record_decision()` for an officer in a permit
application system, known by the name and user the system sends. Each decision is audited
in its own transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from ..accounts.models import User
from ..audit.log import record
from ..core.errors import Refusal
from ..integrations.authorizations import person_key
from ..photos.models import Decision, Photo
from ..photos.models.photo.actions import DecidedBy, record_decision
from ..photos.models.photo.validators import DecisionInput, DecisionRefused, refusals, validate
from .models import Officer

__all__ = [
    "DecisionInput",
    "DecisionRefused",
    "OfficerRefused",
    "add_officer",
    "decide",
    "refusals",
    "validate",
]


def decide(
    photo: Photo,
    officer: Officer,
    data: DecisionInput,
    request: Any = None,
    action: str = "officer.decide",
) -> Decision:
    """Records an officer's decision made on the officer's page (photos' record_decision())
    and shows it to the photographer at once (as new feedback)."""
    by = DecidedBy(officer.name, officer.organisation, officer_pk=officer.pk)
    return record_decision(photo, by, data, request, audit_action=action)


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
            # "staff" is the key every earlier record of the trail has: kept so one query finds all.
            record(request, "officer.add", query={"staff": member.pk, "role": member.role})
            return member
    except IntegrityError:
        # Another administrator added the same person at the same moment.
        raise OfficerRefused("already_officer", "hetu") from None
