from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "account": getattr(request, "account", None),
        "staff": getattr(request, "staff", None),
        "feedback_email": settings.FEEDBACK_EMAIL,
        "test_identification": settings.IDENTIFICATION_BACKEND == "test",
    }
