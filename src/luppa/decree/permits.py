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

# What each organisation decides on: the police its permits and cards, the Immigration
# Service (Migri) residence permits and aliens' travel documents.
BY_ORGANISATION: dict[str, tuple[str, ...]] = {
    "police": (
        "passport",
        "identity_card",
        "security_steward_card",
        "guard_card",
        "temporary_guard_card",
        "security_officer_card",
        "firearms_handling_permit",
    ),
    "migri": (
        "residence_permit",
        "residence_permit_card_renewal",
        "eu_family_residence_card",
        "aliens_passport",
        "refugee_travel_document",
    ),
}


def for_organisation(organisation: str | None) -> tuple[tuple[str, object], ...]:
    """The permit types of one organisation, in the list's order (all for an unknown one)."""
    codes = BY_ORGANISATION.get(organisation or "")
    if codes is None:
        return PERMIT_TYPES
    return tuple((code, text) for code, text in PERMIT_TYPES if code in codes)


def label(code: str) -> str:
    return str(dict(PERMIT_TYPES).get(code, code))
