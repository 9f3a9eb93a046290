from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "account": getattr(request, "account", None),
        "officer": getattr(request, "officer", None),
        "feedback_email": settings.FEEDBACK_EMAIL,
        # Whom a suspended account contacts: the police administrators (LUPPA_ADMIN_CONTACT).
        "admin_contact": getattr(settings, "ADMIN_CONTACT_EMAIL", settings.FEEDBACK_EMAIL),
        # Identification goes to the local fake IdP unless Suomi.fi's metadata is configured.
        "test_identification": settings.FAKE_IDP_ENABLED
        and not (settings.SAML_IDP_METADATA_URL or settings.SAML_IDP_METADATA_FILE),
    }
