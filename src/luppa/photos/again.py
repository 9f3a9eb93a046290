""" "Send a new photo for this customer" from a rejected photo.

The customer's fields travel in the server-side session as the rejected photo's primary key,
never in a URL. New photo shows the names and birth date again (the photographer entered them
and may still see them); the HETU is carried over without being shown, as the HETU is never
shown after submission. Offered only while the photographer may still see the customer's
details (one week after the evaluation).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ..audit.log import record
from ..core import crypto
from .models import Photo
from .visibility import personal_data_visible

SESSION_KEY = "luppa_again_from"


def can_send_again(photo: Photo) -> bool:
    return photo.evaluation == Photo.Evaluation.REJECTED and personal_data_visible(photo)


def remember(request: HttpRequest, photo: Photo) -> None:
    request.session[SESSION_KEY] = photo.pk


def source(request: HttpRequest) -> Photo | None:
    """The rejected photo New photo was opened for, if it is still the account's and visible."""
    pk = request.session.get(SESSION_KEY)
    if not pk:
        return None
    photo = (
        Photo.objects.filter(pk=pk, account=request.account, state=Photo.State.SUBMITTED)
        .select_related("photographer", "latest_decision")
        .first()
    )
    if photo is None or not can_send_again(photo):
        forget(request)
        return None
    return photo


def forget(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def initial(photo: Photo) -> dict[str, Any]:
    return {
        "first_names": photo.first_names,
        "surname": photo.surname,
        "birth_date": f"{photo.birth_date:%d%m%y}" if photo.birth_date else "",
    }


def carried_hetu(request: HttpRequest, photo: Photo) -> str:
    """The rejected photo's HETU for the new draft; the read is audited."""
    if not photo.hetu_ciphertext:
        return ""
    record(request, "photo.send_again", photos=[photo])
    return crypto.decrypt(photo.hetu_ciphertext, "hetu").decode()
