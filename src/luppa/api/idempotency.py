"""`Idempotency-Key` for submissions: a retry after a lost response must not make a second
photo (and a second receipt SMS to the customer).

The same key from the same account within 24 hours returns the first response; the same key
with a different body is a 409. Only successful submissions are remembered, so a corrected
retry after a 4xx may reuse its key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.response import Response

from ..accounts.models import Account
from ..core.crypto import keyed_hash
from .errors import Conflict, InvalidInput
from .models import IdempotencyKey

HEADER = "Idempotency-Key"
WINDOW = dt.timedelta(hours=24)
MAX_LENGTH = 255


def header_key(request: Request) -> str | None:
    value = request.headers.get(HEADER)
    if value is None:
        return None
    value = value.strip()
    if not 1 <= len(value) <= MAX_LENGTH or not value.isascii() or not value.isprintable():
        raise InvalidInput(
            _("Virheellinen %(header)s-otsake.") % {"header": HEADER},
            {
                HEADER: [
                    _("1–%(max)s tulostettavaa ASCII-merkkiä, esimerkiksi UUID.")
                    % {"max": MAX_LENGTH}
                ]
            },
        )
    return value


def key_hash(key: str) -> str:
    return keyed_hash("api-idempotency-key", key)


def body_hash(request: Request) -> str:
    """A keyed hash of the form fields and the files' contents, independent of their order."""
    fields = sorted((name, value) for name, values in request.POST.lists() for value in values)
    files = []
    for name, uploads in request.FILES.lists():
        for upload in uploads:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            files.append((name, digest.hexdigest()))
    canonical = json.dumps({"fields": fields, "files": sorted(files)}, ensure_ascii=False)
    return keyed_hash("api-idempotency-body", canonical)


def find(account: Account, key: str, now: dt.datetime | None = None) -> IdempotencyKey | None:
    """The live record of `key`; expired records of the account are dropped on the way."""
    cutoff = (now or timezone.now()) - WINDOW
    IdempotencyKey.objects.filter(account=account, created_at__lt=cutoff).delete()
    return IdempotencyKey.objects.filter(account=account, key_hash=key_hash(key)).first()


def replay(record: IdempotencyKey, body: str) -> Response:
    if record.body_hash != body:
        raise Conflict(
            _("Tämä %(header)s on jo käytetty toisenlaisessa pyynnössä.") % {"header": HEADER}
        )
    response = Response(record.response, status=record.status_code)
    response["Idempotent-Replayed"] = "true"
    if isinstance(record.response, dict) and record.response.get("url"):
        response["Location"] = record.response["url"]
    return response


def remember(
    account: Account, key: str, body: str, photo: Any, status_code: int, data: dict[str, Any]
) -> IdempotencyKey:
    """Records the response; raises IntegrityError if a concurrent request took the key."""
    return IdempotencyKey.objects.create(
        account=account,
        key_hash=key_hash(key),
        body_hash=body,
        photo=photo,
        status_code=status_code,
        response=data,
    )


def purge_expired(now: dt.datetime | None = None) -> int:
    """Deletes the records past their replay window: older ones only keep a response
    (personal data) around. Run by the retention job (jobs)."""
    cutoff = (now or timezone.now()) - WINDOW
    return IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()[0]
