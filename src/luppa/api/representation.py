"""A photo as the studio API shows it: only what the photographer may still see.

The HETU and the image never leave through the API; the customer's names and birth date
only while personal_data_visible() allows.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework.request import Request

from ..core.photo_id import display
from ..photos.models import Photo
from ..photos.visibility import VISIBLE_AFTER_EVALUATION, personal_data_visible
from ..quality.report import Report
from ..quality.stored import readable


def _links(photo: Photo, request: Request) -> dict[str, str]:
    return {
        "url": request.build_absolute_uri(reverse("api:photo", args=[photo.photo_id])),
        "receipt_url": request.build_absolute_uri(reverse("api:receipt", args=[photo.photo_id])),
    }


def _ids(photo: Photo) -> dict[str, str]:
    return {"photo_id": display(photo.photo_id), "photo_id_compact": photo.photo_id}


def _photographer(photo: Photo) -> dict[str, Any]:
    return {"id": photo.photographer_id, "name": photo.photographer.name}


def submitted(photo: Photo, report: Report, lang: str, request: Request) -> dict[str, Any]:
    return {
        **_ids(photo),
        "status": photo.evaluation,
        "taken_at": photo.taken_at,
        "submitted_at": photo.submitted_at,
        "photographer": _photographer(photo),
        "report": report.to_dict(lang),
        **_links(photo, request),
    }


def sent(photo: Photo, request: Request) -> dict[str, Any]:
    visible = personal_data_visible(photo)
    decision = photo.latest_decision
    customer = (
        {"first_names": photo.first_names, "surname": photo.surname, "birth_date": photo.birth_date}
        if visible
        else None
    )
    return {
        **_ids(photo),
        "status": photo.evaluation,
        "taken_at": photo.taken_at,
        "submitted_at": photo.submitted_at,
        "photographer": _photographer(photo),
        "customer": customer,
        "personal_data_visible_until": (
            decision.at + VISIBLE_AFTER_EVALUATION if decision else None
        ),
        "evaluated_at": decision.at if decision else None,
        "officer_name": decision.officer_name if decision else "",
        "rejection_reasons": [str(r) for r in decision.reasons] if decision else [],
        "officer_message": decision.message if decision else "",
        "retention_ends": photo.retention_ends,
        **_links(photo, request),
    }


def rendered_checks(photo: Photo, lang: str) -> list[dict[str, Any]]:
    """The stored, language-neutral check results with their texts in `lang`."""
    rendered = []
    for c in photo.checks or []:
        text = readable(c, lang)
        rendered.append(
            {
                "id": text.id,
                "section": text.section,
                "status": text.status,
                "value": c.get("value"),
                "limit": text.limit,
                "message": text.message,
                "value_text": text.value,
            }
        )
    return rendered


def sent_detail(photo: Photo, lang: str, request: Request) -> dict[str, Any]:
    return {
        **sent(photo, request),
        "verdict": photo.verdict,
        "checks": rendered_checks(photo, lang),
        "geometry": photo.geometry,
    }
