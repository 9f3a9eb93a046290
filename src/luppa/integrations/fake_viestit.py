"""A local stand-in for the Suomi.fi Messages REST API, mounted at /fake-viestit/ outside
production. Same endpoints as the real service (luppa.integrations.viestit); it records
each message it accepts as JSON in settings.MESSAGES_FAKE_DIR (var/viestit/), answers 409 to
a repeated externalId, and gives every test person a mailbox except Ville Virtanen.
"""

from __future__ import annotations

import json
import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..core.crypto import keyed_hash
from .identification import TEST_PERSONS

CACHE = "luppa:fake-viestit:"
NO_MAILBOX = {"030303A9603"}  # Ville Virtanen: shows the channel skipping someone


def _authorised(request: HttpRequest) -> bool:
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    return bool(token) and cache.get(f"{CACHE}token:{token}") is not None


def _json(request: HttpRequest) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


@csrf_exempt
@require_POST
def token(request: HttpRequest) -> JsonResponse:
    data = _json(request)
    if (data.get("username"), data.get("password")) != (
        settings.MESSAGES_USERNAME,
        settings.MESSAGES_PASSWORD,
    ):
        return JsonResponse({"error": "invalid credentials"}, status=401)
    value = secrets.token_urlsafe(24)
    cache.set(f"{CACHE}token:{value}", 1, 3600)
    return JsonResponse({"access_token": value, "expires_in": 3600})


@csrf_exempt
@require_POST
def mailboxes(request: HttpRequest) -> JsonResponse:
    if not _authorised(request):
        return JsonResponse({}, status=401)
    known = {p.hetu for p in TEST_PERSONS if p.hetu} - NO_MAILBOX
    asked = [u.get("id") for u in _json(request).get("endUsers", []) if isinstance(u, dict)]
    return JsonResponse({"endUsers": [{"id": hetu} for hetu in asked if hetu in known]})


@csrf_exempt
@require_POST
def attachments(request: HttpRequest) -> JsonResponse:
    if not _authorised(request):
        return JsonResponse({}, status=401)
    upload = request.FILES.get("file")
    if upload is None or not upload.read(5).startswith(b"%PDF"):
        return JsonResponse({"error": "a PDF file is needed"}, status=400)
    return JsonResponse({"attachmentId": secrets.token_hex(8)})


@csrf_exempt
@require_POST
def electronic(request: HttpRequest) -> JsonResponse:
    if not _authorised(request):
        return JsonResponse({}, status=401)
    data = _json(request)
    external_id = str(data.get("externalId", ""))
    hetu = str(data.get("recipient", {}).get("id", ""))
    if not external_id or not hetu or "electronic" not in data:
        return JsonResponse(
            {"error": "externalId, recipient and electronic are required"}, status=400
        )
    folder = settings.MESSAGES_FAKE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    # The file name is a keyed hash: a HETU never becomes a file name.
    path = folder / f"{keyed_hash('fake-viestit', external_id)[:32]}.json"
    if path.exists():
        return JsonResponse({"error": "duplicate externalId"}, status=409)
    message_id = secrets.token_hex(8)
    record = {"messageId": message_id, **data}
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1))
    return JsonResponse({"messageId": message_id})
