"""Who may call the X-Road service, and the X-Road headers of a request.

Only the organisation's X-Road security server may reach the service: its source address
must be in settings.XROAD_SOURCES (loopback by default in development and tests; nothing
in production until configured). Where the security server authenticates with a TLS client
certificate, the TLS-terminating proxy verifies it and the proxy's address is the one
configured here. The calling subsystem (`X-Road-Client`, e.g. `FI/GOV/0245437-2/lupa`)
must be on the allow-list settings.XROAD_CLIENTS, which also says which organisation
(police or Immigration Service) its officers act for.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import cache

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


def source_allowed(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _networks(tuple(settings.XROAD_SOURCES)))


def _header(headers: dict[str, str] | object, name: str) -> str:
    value = headers.get(name, "")  # type: ignore[attr-defined]
    value = value.strip()
    if len(value) > MAX_HEADER or not value.isascii() or not value.isprintable():
        raise Refused(400, "Client.BadRequest", f"invalid {name} header",
                      f"at most {MAX_HEADER} printable ASCII characters")  # fmt: skip
    return value


def context(headers: object, source: str) -> XRoadContext:
    """The request's X-Road context, or Refused (403 for an unknown caller)."""
    if not source_allowed(source):
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
