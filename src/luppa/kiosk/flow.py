"""A customer's visit at a kiosk: its steps in order, the hand-off to the counter, and its
end, after which nothing of the customer stays (the visit row and the browser session are
deleted; the Case keeps what the counter needs, encrypted).

Every step is audited as `kiosk.<step>` with the kiosk, the step and its result: keys and
codes only, never a name, a document number or a photo.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from ..audit.log import record
from .models import Case, Visit

STEPS = ("language", "document", "photo", "fingerprints", "signature", "payment", "done")
COUNTER = "counter"
SESSION_KEY = "luppa_kiosk_visit"


def audit(request: HttpRequest | None, visit: Visit | None, action: str, **query: Any) -> None:
    kiosk = visit.kiosk if visit else settings.KIOSK_ID
    photos = [visit.case.photo_id] if visit and visit.case and visit.case.photo_id else []
    details = {"kiosk": kiosk, "step": visit.step if visit else "", **query}
    if visit and visit.case:
        details["case"] = visit.case.code
    record(
        request, f"kiosk.{action}", photos=photos, query=details,
        actor_label=f"kiosk {kiosk}", role="kiosk",
    )  # fmt: skip


def idle_limit(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(seconds=settings.KIOSK_IDLE_SECONDS)


def current(request: HttpRequest) -> Visit | None:
    token = request.session.get(SESSION_KEY)
    if not token:
        return None
    visit = Visit.objects.select_related("case").filter(token=token).first()
    if visit is None:
        request.session.pop(SESSION_KEY, None)
        return None
    if visit.touched_at < idle_limit():
        end(request, visit, "timeout")
        return None
    return visit


@transaction.atomic
def start(request: HttpRequest) -> Visit:
    visit = Visit.objects.create(token=secrets.token_urlsafe(32), kiosk=settings.KIOSK_ID)
    request.session[SESSION_KEY] = visit.token
    audit(request, visit, "start")
    return visit


def touch(visit: Visit) -> None:
    Visit.objects.filter(pk=visit.pk).update(touched_at=timezone.now())


def payload(visit: Visit) -> dict[str, Any]:
    return dict(visit.payload or {})


def put(visit: Visit, **values: bytes | str | None) -> None:
    data = payload(visit)
    for key, value in values.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = base64.b64encode(value).decode() if isinstance(value, bytes) else value
    visit.payload = data
    visit.save(update_fields=["payload"])


def get_bytes(visit: Visit, key: str) -> bytes:
    value = payload(visit).get(key)
    return base64.b64decode(value) if value else b""


def advance(request: HttpRequest, visit: Visit, step: str, **query: Any) -> None:
    """Completes the visit's current step (audited with `query`) and moves on to `step`."""
    with transaction.atomic():
        audit(request, visit, visit.step, result="done", **query)
        visit.step = step
        visit.touched_at = timezone.now()
        visit.save(update_fields=["step", "touched_at"])
        if visit.case_id:
            Case.objects.filter(pk=visit.case_id).update(step=step)


def next_step(step: str, fee_cents: int) -> str:
    following = STEPS[STEPS.index(step) + 1]
    if following == "payment" and fee_cents <= 0:
        return "done"  # nothing is due: no payment screen
    return following


@transaction.atomic
def to_counter(request: HttpRequest, visit: Visit, reason: str) -> Case:
    """The customer goes to the counter; the case (made now if there is none yet) keeps why,
    and its code lets the counter continue without identifying the customer again."""
    case = visit.case or Case.objects.create(kiosk=visit.kiosk)
    case.status, case.reason, case.step = Case.Status.COUNTER, reason[:40], visit.step
    case.save(update_fields=["status", "reason", "step", "updated_at"])
    visit.case = case
    audit(request, visit, "counter", reason=reason)
    visit.step = COUNTER
    visit.save(update_fields=["case", "step"])
    return case


@transaction.atomic
def end(request: HttpRequest | None, visit: Visit, how: str = "finished") -> None:
    """The visit ends: its row (and everything personal in it) is deleted, and the browser's
    session with it, so the next customer starts from nothing."""
    audit(request, visit, "end", result=how)
    case = visit.case
    if case and case.status == Case.Status.OPEN and case.photo_id is None:
        # Abandoned half way: nothing was submitted that the counter could continue.
        case.delete()
    visit.delete()
    if request is not None and hasattr(request, "session"):
        request.session.flush()


def wipe_abandoned_visits(now: dt.datetime | None = None) -> int:
    count = 0
    for visit in Visit.objects.select_related("case").filter(touched_at__lt=idle_limit(now)):
        end(None, visit, "abandoned")
        count += 1
    return count
