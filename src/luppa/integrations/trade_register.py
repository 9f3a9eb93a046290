"""Who may upload: the trade register, behind a small interface, and the upload policy.

settings.UPLOAD_POLICY (`LUPPA_UPLOAD_POLICY`):
- `open` (default, the manual's rule): private persons and companies may submit;
- `registered-business` (the December 2025 bill draft's direction): only companies whose
  registered line of business is photography (TOL 2008 class 74.2) and which are not in
  liquidation or bankruptcy; private accounts cannot submit.

The register is read through settings.TRADE_REGISTER_BACKEND (dotted path): the Finnish
Patent and Registration Office's open data (YTJ) API, or the local fake with the demo
companies. Answers are cached for a day; an unreachable register refuses with its own reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

from ..core.refusals import MESSAGES

OPEN, REGISTERED_BUSINESS = "open", "registered-business"
PHOTOGRAPHY = "742"  # TOL 2008 class 74.2 Valokuvaus (74201, 74202, …)
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Company:
    business_id: str
    name: str
    business_line: str  # TOL 2008 code of the main line of business
    in_liquidation: bool
    bankrupt: bool


class RegisterUnavailable(Exception):
    pass


class TradeRegister(Protocol):
    def company(self, business_id: str) -> Company | None: ...


class YtjOpenData:
    """PRH's open data API: GET {url}/companies?businessId=… (YTJ v3)."""

    def company(self, business_id: str) -> Company | None:
        try:
            reply = requests.get(
                f"{settings.TRADE_REGISTER_URL.rstrip('/')}/companies",
                params={"businessId": business_id},
                timeout=10,
            )
            reply.raise_for_status()
            companies = reply.json().get("companies", [])
        except (requests.RequestException, ValueError, AttributeError) as exc:
            raise RegisterUnavailable from exc
        if not companies:
            return None
        return parse_company(companies[0])


def parse_company(data: dict) -> Company:
    names = [n.get("name", "") for n in data.get("names", []) if not n.get("endDate")]
    situations = {str(s.get("type", "")).upper() for s in data.get("companySituations", [])}
    return Company(
        business_id=str((data.get("businessId") or {}).get("value", "")),
        name=names[0] if names else "",
        business_line=str((data.get("mainBusinessLine") or {}).get("type", "")),
        in_liquidation=bool(situations & {"SELTILA", "SELVITYSTILA", "LIQUIDATION"}),
        bankrupt=bool(situations & {"KONK", "KONKURSSI", "BANKRUPTCY"}),
    )


class FakeTradeRegister:
    """The demo companies: Kuvaamo Oy photographs; others are what their names say."""

    COMPANIES = {
        "1234567-1": Company("1234567-1", "Kuvaamo Oy", "74201", False, False),
        "7654321-2": Company("7654321-2", "Kahvila Oy", "56101", False, False),
        "1111111-8": Company("1111111-8", "Konkurssikuva Oy", "74201", False, True),
    }

    def company(self, business_id: str) -> Company | None:
        return self.COMPANIES.get(business_id)


# What the refusal tells the user: what is missing, in their language.
# The policy's refusal texts (core.refusals, shared with the pages and the API).
REFUSAL_TEXTS = {code: text for code, text in MESSAGES.items() if code.startswith("policy.")}


def register() -> TradeRegister:
    return import_string(settings.TRADE_REGISTER_BACKEND)()


def refusal(kind: str, business_id: str | None) -> str | None:
    """Why an account of this kind may not submit under the policy, or None if it may."""
    if settings.UPLOAD_POLICY != REGISTERED_BUSINESS:
        return None
    if kind != "company" or not business_id:
        return "policy.private"
    key = f"luppa:trade-register:{business_id}"
    company = cache.get(key)
    if company is None:
        try:
            company = register().company(business_id) or False
        except RegisterUnavailable:
            return "policy.register_unavailable"
        cache.set(key, company, CACHE_SECONDS)
    if not company:
        return "policy.not_registered"
    if not company.business_line.startswith(PHOTOGRAPHY):
        return "policy.not_photography"
    if company.in_liquidation or company.bankrupt:
        return "policy.not_active"
    return None
