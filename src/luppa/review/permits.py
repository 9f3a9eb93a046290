"""The applications a photo from the photo server may be attached to (SPEC §3)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PERMIT_TYPES: tuple[tuple[str, object], ...] = (
    ("passport", _("Passi")),
    ("identity_card", _("Henkilökortti (ei väliaikainen)")),
    ("security_steward_card", _("Järjestyksenvalvojakortti")),
    ("guard_card", _("Vartijakortti")),
    ("temporary_guard_card", _("Väliaikainen vartijakortti")),
    ("security_officer_card", _("Turvasuojaajakortti")),
    ("firearms_handling_permit", _("Aseenkäsittelylupa")),
    ("residence_permit", _("Oleskelulupa")),
    ("residence_permit_card_renewal", _("Oleskelulupakortin uusiminen")),
    ("eu_family_residence_card", _("EU-kansalaisen perheenjäsenen oleskelukortti")),
    ("aliens_passport", _("Muukalaispassi")),
    ("refugee_travel_document", _("Pakolaisen matkustusasiakirja")),
)
# Never allowed, but named so that choosing it gets a clear refusal rather than "invalid".
DRIVING_LICENCE = "driving_licence"
ALLOWED = {code for code, _label in PERMIT_TYPES}


def label(code: str) -> str:
    return str(dict(PERMIT_TYPES).get(code, code))
