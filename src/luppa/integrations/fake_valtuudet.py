"""A local stand-in for the Suomi.fi e-Authorizations Web API (YPA and HPA), mounted at
/fake-valtuudet/ outside production. It serves the same HTTP API as the real service (see
luppa.integrations.valtuudet): it checks the X-AsiointivaltuudetAuthorization checksum and
its ±5 minute window, the OAuth client, the bearer token, and answers with the demo
companies and roles of the local FakeMandate table (main representatives hold the trade
register role NIMKO; employees hold the photographing mandate's issue code). For HPA, Pia
Pikkarainen is the guardian of two children (DEPENDANTS).
"""

from __future__ import annotations

import base64
import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .authorizations import person_key
from .valtuudet import HEADER, verify_header

PREFIX = "/fake-valtuudet"
CACHE = "luppa:fake-valtuudet:"
TTL = 30 * 60  # sliding: each use of a session keeps it (and its token) alive this long
MAIN_ROLE = "NIMKO"
# HPA demo: guardian's HETU -> their minor dependants (temporary 900-series identity codes).
DEPENDANTS = {
    "010170-960F": [("150615A928A", "Pekka Pikkarainen"), ("220918A9347", "Pinja Pikkarainen")],
}


def _signed(request: HttpRequest) -> bool:
    path = request.get_full_path()[len(PREFIX) :]
    return verify_header(
        request.headers.get(HEADER, ""),
        settings.VALTUUDET_CLIENT_ID,
        settings.VALTUUDET_API_KEY,
        path,
    )


def _refused(status: int = 401) -> JsonResponse:
    return JsonResponse({"error": "refused"}, status=status)


@require_GET
def register(request: HttpRequest, mode: str, client_id: str, hetu: str) -> JsonResponse:
    if mode not in ("ypa", "hpa") or client_id != settings.VALTUUDET_CLIENT_ID:
        return _refused()
    if not _signed(request):
        return _refused()
    session_id, user_id = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
    # Only the keyed hash of the delegate's HETU is kept, even in the fake; the dependants'
    # codes are the fake's own demo data.
    dependants = DEPENDANTS.get(hetu, [])
    state = {"person": person_key(hetu), "session": session_id, "mode": mode,
             "dependants": dependants}  # fmt: skip
    cache.set(f"{CACHE}session:{session_id}", state, TTL)
    cache.set(f"{CACHE}user:{user_id}", session_id, TTL)
    return JsonResponse({"sessionId": session_id, "userId": user_id})


@require_GET
def unregister(request: HttpRequest, mode: str, session_id: str) -> JsonResponse:
    if not _signed(request):
        return _refused()
    cache.delete(f"{CACHE}session:{session_id}")
    return JsonResponse({})


@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    """The selection page: which company (YPA) or which person (HPA) the person acts for."""
    from .models import FakeMandate

    data = request.GET if request.method == "GET" else request.POST
    session_id = cache.get(f"{CACHE}user:{data.get('user', '')}")
    state = cache.get(f"{CACHE}session:{session_id}") if session_id else None
    if data.get("client_id") != settings.VALTUUDET_CLIENT_ID or state is None:
        return HttpResponseBadRequest("unknown client or user")
    params = {k: data.get(k, "") for k in ("client_id", "response_type", "redirect_uri", "user")}
    grant = {"session": session_id, "redirect_uri": data.get("redirect_uri", "")}
    if state["mode"] == "hpa":
        people = [{"index": i, "name": name} for i, (_h, name) in enumerate(state["dependants"])]
        if request.method == "GET":
            context = {"people": people, "params": params}
            return render(request, "fake_valtuudet/select.html", context)
        try:
            index = int(request.POST.get("person", ""))
        except ValueError:
            return HttpResponseBadRequest("choose a person")
        if not 0 <= index < len(people):
            return HttpResponseBadRequest("choose a person")
        grant["principal"] = index
    else:
        companies = list(
            FakeMandate.objects.filter(person_key=state["person"]).order_by("company_name")
        )
        if request.method == "GET":
            context = {"companies": companies, "params": params}
            return render(request, "fake_valtuudet/select.html", context)
        chosen = next((c for c in companies if c.business_id == request.POST.get("company")), None)
        if chosen is None:
            return HttpResponseBadRequest("choose a company")
        grant["business_id"] = chosen.business_id
    code = secrets.token_urlsafe(24)
    cache.set(f"{CACHE}code:{code}", grant, 60)
    return redirect(f"{data.get('redirect_uri', '')}?code={code}")


@csrf_exempt  # server to server, authenticated with HTTP Basic
@require_POST
def token(request: HttpRequest) -> JsonResponse:
    header = request.headers.get("Authorization", "")
    try:
        client_id, _sep, secret = (
            base64.b64decode(header.removeprefix("Basic ")).decode().partition(":")
        )
    except (ValueError, UnicodeDecodeError):
        return _refused()
    if client_id != settings.VALTUUDET_CLIENT_ID or not secrets.compare_digest(
        secret, settings.VALTUUDET_OAUTH_SECRET
    ):
        return _refused()
    key = f"{CACHE}code:{request.GET.get('code', '')}"
    grant = cache.get(key)
    if (
        grant is None
        or not cache.delete(key)
        or grant["redirect_uri"] != request.GET.get("redirect_uri")
    ):
        return _refused(400)
    access = secrets.token_urlsafe(24)
    cache.set(f"{CACHE}token:{access}", grant, TTL)
    return JsonResponse({"access_token": access, "token_type": "bearer", "expires_in": TTL})


@require_GET
def organization_roles(request: HttpRequest, session_id: str) -> JsonResponse:
    from .models import FakeMandate

    bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
    grant = cache.get(f"{CACHE}token:{bearer}")
    state = cache.get(f"{CACHE}session:{session_id}")
    if not _signed(request) or grant is None or state is None or grant["session"] != session_id:
        return _refused()
    # A session in use stays alive (the service re-reads the roles during a long session).
    cache.touch(f"{CACHE}session:{session_id}", TTL)
    cache.touch(f"{CACHE}token:{bearer}", TTL)
    business_id = grant.get("business_id")  # absent in an HPA session
    row = FakeMandate.objects.filter(person_key=state["person"], business_id=business_id).first()
    if row is None:
        return JsonResponse([], safe=False)
    roles = [MAIN_ROLE] if row.main_representative else [settings.VALTUUDET_MANDATE_ISSUE]
    return JsonResponse(
        [{"name": row.company_name, "identifier": row.business_id, "roles": roles}], safe=False
    )


def _hpa_grant(request: HttpRequest, session_id: str) -> tuple[dict, dict] | None:
    bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
    grant = cache.get(f"{CACHE}token:{bearer}")
    state = cache.get(f"{CACHE}session:{session_id}")
    if not _signed(request) or grant is None or state is None or grant["session"] != session_id:
        return None
    if state["mode"] != "hpa" or "principal" not in grant:
        return None
    return grant, state


@require_GET
def delegate(request: HttpRequest, session_id: str) -> JsonResponse:
    found = _hpa_grant(request, session_id)
    if found is None:
        return _refused()
    grant, state = found
    hetu, name = state["dependants"][grant["principal"]]
    return JsonResponse([{"personId": hetu, "name": name}], safe=False)


@require_GET
def authorization(request: HttpRequest, session_id: str, person_id: str) -> JsonResponse:
    found = _hpa_grant(request, session_id)
    if found is None:
        return _refused()
    grant, state = found
    chosen = state["dependants"][grant["principal"]][0]
    allowed = person_id == chosen and request.GET.get("issues") == settings.VALTUUDET_HPA_ISSUE
    return JsonResponse({"result": "ALLOWED" if allowed else "DISALLOWED"})
