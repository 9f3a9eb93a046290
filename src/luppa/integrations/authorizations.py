"""Suomi.fi e-Authorizations: on whose behalf may an identified person act?

`companies_for(identity)` lists the companies the person may represent, and whether as the
main representative (who alone may open the company's account). The fake reads a local
table (FakeMandate) seeded with demo data; the real client asks the e-Authorizations
service. When a check refuses, the service says that it refused, never why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from ..core.crypto import keyed_hash
from .identification import Identity


@dataclass(frozen=True)
class Mandate:
    business_id: str
    company_name: str
    main_representative: bool


class AuthorizationService(Protocol):
    def companies_for(self, identity: Identity) -> list[Mandate]: ...


def person_key(hetu: str) -> str:
    return keyed_hash("person", hetu)


def identity_key(identity: Identity) -> str:
    """The user's keyed identity: by HETU, or for eIDAS users by their eIDAS identifier."""
    if identity.hetu:
        return person_key(identity.hetu)
    return keyed_hash("eidas", identity.eidas_id)


class FakeAuthorizations:
    def companies_for(self, identity: Identity) -> list[Mandate]:
        from .models import FakeMandate

        if not identity.hetu:
            return []  # eIDAS users cannot act for a Finnish company
        rows = FakeMandate.objects.filter(person_key=person_key(identity.hetu))
        return [Mandate(r.business_id, r.company_name, r.main_representative) for r in rows]


def service() -> AuthorizationService:
    """The implementation named by a dotted path in settings.AUTHORIZATION_BACKEND."""
    return import_string(settings.AUTHORIZATION_BACKEND)()
