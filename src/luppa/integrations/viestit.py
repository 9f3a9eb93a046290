"""Suomi.fi Messages (Viestit) REST API: the receipt as an electronic message to the
customer's Suomi.fi mailbox, a third channel beside e-mail and SMS.

The client logs in for a token (`POST /v1/token`), checks that the recipient has an active
mailbox (`POST /v1/mailboxes/active`), uploads the receipt PDF (`POST /v1/attachments`) and
sends (`POST /v1/messages/electronic`) with `externalId` as the idempotency key: the
service answers 409 to a second message with the same key, which the client takes as
"already sent", so that an outbox retry after a lost answer never sends twice.

Chosen by dotted path in settings.MESSAGES_BACKEND (empty: the channel is off). The local
fake (`luppa.integrations.fake_viestit`, at /fake-viestit/ outside production) serves the
same API and records what it receives.
"""

from __future__ import annotations

from typing import Protocol

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

TIMEOUT = 20
TOKEN_CACHE_KEY = "luppa:viestit:token"


class MessagesError(Exception):
    """Try again later (network, 5xx, refused login)."""


class NoMailbox(Exception):
    """The recipient has no active Suomi.fi mailbox: this channel cannot reach them."""


class MessagesService(Protocol):
    def has_mailbox(self, hetu: str) -> bool: ...

    def send(self, external_id: str, hetu: str, title: str, body: str,
             file_name: str, file_bytes: bytes) -> str: ...  # fmt: skip


class SuomiFiMessagesClient:
    def __init__(self, base_url: str | None = None) -> None:
        self.base = (base_url or settings.MESSAGES_URL).rstrip("/")

    def _token(self, refresh: bool = False) -> str:
        token = None if refresh else cache.get(TOKEN_CACHE_KEY)
        if token:
            return token
        reply = self._call(
            "post",
            "/v1/token",
            json={"username": settings.MESSAGES_USERNAME, "password": settings.MESSAGES_PASSWORD},
            auth=False,
        )
        try:
            reply.raise_for_status()
            token = str(reply.json()["access_token"])
            lifetime = int(reply.json().get("expires_in", 3600))
        except (requests.RequestException, ValueError, KeyError) as exc:
            raise MessagesError("login refused") from exc
        # Renewed a minute before it runs out.
        cache.set(TOKEN_CACHE_KEY, token, max(lifetime - 60, 30))
        return token

    def _call(self, method: str, path: str, auth: bool = True, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        for attempt in (0, 1):
            if auth:
                headers["Authorization"] = f"Bearer {self._token(refresh=attempt == 1)}"
            try:
                reply = getattr(requests, method)(
                    self.base + path, headers=headers, timeout=TIMEOUT, **kwargs
                )
            except requests.RequestException as exc:
                raise MessagesError(f"{path}: {type(exc).__name__}") from exc
            if reply.status_code == 401 and auth and attempt == 0:
                continue  # the token expired early: log in again once
            return reply
        raise MessagesError(f"{path}: unauthorised")

    def has_mailbox(self, hetu: str) -> bool:
        reply = self._call("post", "/v1/mailboxes/active", json={"endUsers": [{"id": hetu}]})
        if reply.status_code != 200:
            raise MessagesError(f"mailboxes: {reply.status_code}")
        active = {u.get("id") for u in reply.json().get("endUsers", [])}
        return hetu in active

    def send(self, external_id: str, hetu: str, title: str, body: str,
             file_name: str, file_bytes: bytes) -> str:  # fmt: skip
        if not self.has_mailbox(hetu):
            raise NoMailbox
        upload = self._call(
            "post", "/v1/attachments", files={"file": (file_name, file_bytes, "application/pdf")}
        )
        if upload.status_code != 200:
            raise MessagesError(f"attachments: {upload.status_code}")
        message = {
            "externalId": external_id,
            "recipient": {"id": hetu},
            "sender": {"serviceId": settings.MESSAGES_SERVICE_ID},
            "electronic": {
                "title": title[:100],
                "body": body,
                "bodyFormat": "Text",
                "messageServiceType": "Normal",
                "visibility": "Normal",
                "files": [{"attachmentId": upload.json()["attachmentId"]}],
            },
        }
        reply = self._call("post", "/v1/messages/electronic", json=message)
        if reply.status_code == 409:
            return external_id  # sent before with this key: never twice
        if reply.status_code != 200:
            raise MessagesError(f"messages: {reply.status_code}")
        return str(reply.json().get("messageId", external_id))


def messages_service() -> MessagesService | None:
    if not settings.MESSAGES_BACKEND:
        return None
    return import_string(settings.MESSAGES_BACKEND)()
