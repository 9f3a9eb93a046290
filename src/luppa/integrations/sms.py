"""SMS delivery behind a small interface. The development gateway writes each message to
a file in settings.SMS_OUTBOX_DIR; a real operator's HTTP gateway implements `send`."""

from __future__ import annotations

import json
import time
import uuid
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(Exception):
    pass


class SmsGateway(Protocol):
    def send(self, to: str, text: str) -> str: ...


class OutboxSmsGateway:
    def send(self, to: str, text: str) -> str:
        folder = settings.SMS_OUTBOX_DIR
        folder.mkdir(parents=True, exist_ok=True)
        message_id = uuid.uuid4().hex
        (folder / f"{int(time.time())}-{message_id}.json").write_text(
            json.dumps({"to": to, "text": text}, ensure_ascii=False)
        )
        return message_id


def gateway() -> SmsGateway:
    return import_string(settings.SMS_BACKEND)()
