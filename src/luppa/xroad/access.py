"""Who may call the X-Road service, and the X-Road headers of a request.

Only the organisation's X-Road security server may reach the service, recognised either way:

- by source address: settings.XROAD_SOURCES (loopback by default in development and tests;
  nothing in production until configured);
- by TLS client certificate: the TLS-terminating proxy verifies the security server's
  certificate and passes it on in the header settings.XROAD_CERT_HEADER, as a SHA-256
  fingerprint or as the (URL-escaped) PEM certificate itself; the fingerprint must be one of
  settings.XROAD_CERT_FINGERPRINTS. The header is believed only from the proxy's own
  addresses, settings.XROAD_CERT_PROXIES: anyone else could send it too.

The calling subsystem (`X-Road-Client`, e.g. `FI/GOV/0245437-2/lupa`) must be on the
allow-list settings.XROAD_CLIENTS, which also says which organisation (police or
Immigration Service) its officers act for.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from django.conf import settings

CLIENT = "X-Road-Client"
USER_ID = "X-Road-UserId"
MESSAGE_ID = "X-Road-Id"
MAX_HEADER = 200
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class Refused(Exception):
    """An X-Road error: `type` in X-Road's form, the HTTP status, a message and a detail."""

    def __init__(self, status: int, type_: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.type = type_
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class XRoadContext:
    client: str
    organisation: str
    user_id: str
    message_id: str


@cache
def _networks(sources: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(s, strict=False) for s in sources)


def _in(address: str, sources: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _networks(tuple(sources)))


def source_allowed(address: str) -> bool:
    return _in(address, settings.XROAD_SOURCES)


_HEX = re.compile(r"[0-9a-f]{64}")
MAX_CERT_HEADER = 16_384


def normalise_fingerprint(value: str) -> str:
    """`AB:CD:…`, `abcd…` or `sha256//…`-less hex → 64 lower-case hex digits, else ""."""
    text = value.strip().lower().removeprefix("sha256:").replace(":", "").replace(" ", "")
    return text if _HEX.fullmatch(text) else ""


def certificate_fingerprint(value: str) -> str:
    """The SHA-256 fingerprint the proxy passed: given as such, or of the PEM certificate
    it passed (nginx's $ssl_client_escaped_cert is URL-escaped PEM). "" when unreadable."""
    if len(value) > MAX_CERT_HEADER:
        return ""
    fingerprint = normalise_fingerprint(value)
    if fingerprint:
        return fingerprint
    pem = unquote(value) if "%" in value else value
    if "-----BEGIN CERTIFICATE-----" not in pem:
        return ""
    try:
        cert = x509.load_pem_x509_certificate(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return ""
    return cert.fingerprint(hashes.SHA256()).hex()


@cache
def _fingerprints(configured: tuple[str, ...]) -> frozenset[str]:
    return frozenset(filter(None, (normalise_fingerprint(f) for f in configured)))


def certificate_allowed(headers: object, address: str) -> bool:
    """A verified client certificate passed by a trusted TLS proxy, and one configured."""
    header = settings.XROAD_CERT_HEADER
    allowed = _fingerprints(tuple(settings.XROAD_CERT_FINGERPRINTS))
    if not header or not allowed or not _in(address, settings.XROAD_CERT_PROXIES):
        return False
    value = headers.get(header, "")  # type: ignore[attr-defined]
    fingerprint = certificate_fingerprint(value) if value else ""
    # Constant time is not needed: a fingerprint is public, the certificate's key is not.
    return fingerprint in allowed


def caller_allowed(headers: object, address: str) -> bool:
    return source_allowed(address) or certificate_allowed(headers, address)


def _header(headers: dict[str, str] | object, name: str) -> str:
    value = headers.get(name, "")  # type: ignore[attr-defined]
    value = value.strip()
    if len(value) > MAX_HEADER or not value.isascii() or not value.isprintable():
        raise Refused(400, "Client.BadRequest", f"invalid {name} header",
                      f"at most {MAX_HEADER} printable ASCII characters")  # fmt: skip
    return value


def context(headers: object, source: str) -> XRoadContext:
    """The request's X-Road context, or Refused (403 for an unknown caller)."""
    if not caller_allowed(headers, source):
        raise Refused(403, "Client.Forbidden", "only the X-Road security server may call")
    client = _header(headers, CLIENT)
    if not client:
        raise Refused(400, "Client.BadRequest", f"the {CLIENT} header is required")
    organisation = settings.XROAD_CLIENTS.get(client)
    if organisation is None:
        raise Refused(403, "Client.Forbidden", "this client subsystem is not allowed", client)
    return XRoadContext(
        client=client,
        organisation=organisation,
        user_id=_header(headers, USER_ID),
        message_id=_header(headers, MESSAGE_ID),
    )
