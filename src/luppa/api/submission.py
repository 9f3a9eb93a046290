"""A submission through the API: the web pages' forms validate it, then the draft is created
and submitted in one transaction, so a refusal at any step leaves nothing stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _

from ..accounts.models import Account, Photographer, name_key
from ..core import refusals
from ..photos import services
from ..photos.forms import PersonFields, PhotoFile, ReceiptContact
from ..photos.models import Photo
from ..quality import assess
from ..quality.report import Report, Status
from .errors import InvalidInput, Refused, form_errors


@dataclass(frozen=True)
class Submission:
    photographer: Photographer
    image: bytes
    file_name: str
    person: dict[str, Any]
    receipt_email: str
    receipt_phone: str


def find_photographer(account: Account, value: str) -> Photographer | None:
    """An active named photographer of `account` by id or by exact name; never another's."""
    value = value.strip()
    active = account.photographers.filter(active=True)
    if value.isdigit() and len(value) <= 18:
        found = active.filter(pk=int(value)).first()
        if found is not None:
            return found
    return active.filter(name_key=name_key(value)).first() if value else None


def validate(account: Account, data: Any, files: Any) -> Submission:
    """The submission from the request's fields, or InvalidInput with every field's errors."""
    photo_form = PhotoFile(data=data, files=files)
    person_form = PersonFields(data=data)
    contact_form = ReceiptContact(data=data)
    errors = form_errors(photo_form, person_form, contact_form)
    photographer = find_photographer(account, str(data.get("photographer", "")))
    if photographer is None:
        errors["photographer"] = [
            "no active named photographer with this id or name in this account"
            if str(data.get("photographer", "")).strip()
            else str(forms.Field.default_error_messages["required"])
        ]
    if errors:
        raise InvalidInput(_("Virheellisiä tietoja."), errors)
    person = person_form.cleaned_data
    upload = files.get("image")
    return Submission(
        photographer=photographer,
        image=photo_form.cleaned_data["image"],
        file_name=(getattr(upload, "name", "") or "")[:255],
        person={k: person[k] for k in ("first_names", "surname", "hetu", "birth_date")},
        receipt_email=contact_form.cleaned_data["receipt_email"],
        receipt_phone=contact_form.cleaned_data["receipt_phone"],
    )


def check(submission: Submission, lang: str) -> Report:
    """The assessment; InvalidInput if the permit systems could not take the file at all."""
    report = assess(submission.image, submission.file_name)
    if report.error_key:
        raise InvalidInput(_("Tiedostoa ei voi lukea."), {"image": [report.error(lang) or ""]})
    blocking = [
        c.message(lang)
        for c in report.checks
        if c.id in services.BLOCKING_CHECKS and c.status is Status.FAIL
    ]
    if blocking:
        raise InvalidInput(
            refusals.message("format", lang),
            {"image": blocking},
            code="format",
            report=report.to_dict(lang),
        )
    return report


@transaction.atomic
def create_and_submit(
    account: Account,
    submission: Submission,
    report: Report,
    request: Any = None,
    submitted_by: str = "",
) -> Photo:
    """Drafts and submits the photo; any refusal rolls back the draft too.

    Call inside an outer transaction to store more (the idempotency record) atomically.
    """
    photo = services.create_draft(
        account,
        submission.photographer,
        submission.image,
        submission.person,
        report=report,
        request=request,
    )
    try:
        return services.submit(
            photo,
            submission.receipt_email,
            submission.receipt_phone,
            request=request,
            submitted_by=submitted_by,
        )
    except services.SubmitRefused as exc:
        # The pages' own texts (core.refusals), in the request's language, with the code.
        if exc.code == "account suspended" or exc.code.startswith("policy."):
            raise Refused(exc, 403) from None
        if exc.code == "format":
            raise InvalidInput(refusals.message(exc), code=exc.code) from None
        raise Refused(exc, 503) from None
