"""The X-Road REST service for the permit application systems (SPEC §1, §4, §6).

Reads find photos through officer.search, the officer's own finder, and decisions and uses
go through officer.services, so the officer's page and the permit systems follow the same
rules. Every call is audited with the X-Road client, the end user and the message id.
Errors are X-Road's JSON form `{"type", "message", "detail"}` with a 4xx status.

A HETU never appears in a URL: it is taken in a POST search body. `GET /photos?hetu=` is
accepted too, for systems that can only GET; Luppa's own logs never print query strings,
and the access logs of the proxy in front must do the same (see README, "X-Road").
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from rest_framework import exceptions
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..audit.log import record
from ..core import photo_id as photo_ids
from ..core.crypto import decrypt
from ..core.person_id import InvalidPersonId, normalise_hetu
from ..officer import search as finder
from ..photos.models import Decision, Photo
from ..photos.models.photo.actions import DecidedBy, record_decision, record_use
from ..photos.models.photo.validators import DecisionInput, DecisionRefused, UseRefused
from . import access, serializers
from .models import AnsweredMessage

REFUSALS = {
    "driving_licence": "a photo cannot be attached to a driving-licence application",
    "permit_type": "unknown permit type",
    "outcome": "unknown outcome",
    "reason": "unknown rejection reason",
    "no_reason": "a rejection needs at least one reason",
    "reasons_on_approval": "an approval takes no rejection reasons",
    "waived_section": "a 10 § medical exception waives 3–5 §: those cannot be reasons",
    "change_reason": "the photo already has a decision: give change_reason",
    "not_submitted": "the photo has not been submitted",
    "conflict": "the application already has this photo under another permit type",
}


def _error(status: int, type_: str, message: str, detail: str = "") -> Response:
    return Response({"type": type_, "message": message, "detail": detail}, status=status)


def _flat(detail: Any, prefix: str = "") -> list[str]:
    if isinstance(detail, dict):
        return [m for k, v in detail.items() for m in _flat(v, f"{prefix}{k}.")]
    if isinstance(detail, list):
        return [m for item in detail for m in _flat(item, prefix)]
    return [f"{prefix.rstrip('.')}: {detail}" if prefix else str(detail)]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, access.Refused):
        return _error(exc.status, exc.type, exc.message, exc.detail)
    if isinstance(exc, exceptions.ValidationError):
        return _error(400, "Client.BadRequest", "invalid request", "; ".join(_flat(exc.detail)))
    if isinstance(exc, exceptions.ParseError):
        return _error(400, "Client.BadRequest", "malformed request body", str(exc.detail))
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _error(415, "Client.UnsupportedMediaType", "send application/json")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _error(405, "Client.MethodNotAllowed", str(exc.detail))
    if isinstance(exc, exceptions.NotAcceptable):
        return _error(406, "Client.NotAcceptable", str(exc.detail))
    if isinstance(exc, exceptions.NotFound):
        return _error(404, "Client.NotFound", str(exc.detail))
    return None  # a bug: Django's handler logs it (without the body) and answers 500


class XRoadView(APIView):
    authentication_classes: list = []
    permission_classes: list = []
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]
    xroad: access.XRoadContext

    def get_exception_handler(self) -> Any:
        return exception_handler

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The image endpoint answers JPEG whatever the Accept header says.
        return super().perform_content_negotiation(request, force=True)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.xroad = access.context(request.headers, request.META.get("REMOTE_ADDR", ""))
        # The audit trail reads who called from the request.
        request._request.xroad = self.xroad
        request.xroad = self.xroad

    def canonical_id(self, raw_id: str) -> str:
        try:
            return photo_ids.normalise(raw_id)
        except photo_ids.InvalidPhotoId as exc:
            raise access.Refused(400, "Client.BadRequest", "invalid photo ID", str(exc)) from None

    def held_photo(self, raw_id: str) -> Photo:
        canonical = self.canonical_id(raw_id)
        photo = (
            finder.held_photos()
            .select_related("account", "photographer", "latest_decision")
            .defer("checks", "geometry", "guided_ticks", "hetu_ciphertext")
            .filter(photo_id=canonical)
            .first()
        )
        if photo is None:
            raise access.Refused(404, "Client.NotFound", "no such photo",
                                 "photos are deleted six months after submission")  # fmt: skip
        return photo


def _decision(decision: Decision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "outcome": decision.outcome,
        "reasons": list(decision.reasons),
        "message": decision.message,
        "officer": decision.officer_name,
        "organisation": decision.organisation,
        "permit_type": decision.permit_type,
        "medical_exception": decision.medical_exception,
        "at": decision.at,
    }


def photo_data(photo: Photo) -> dict[str, Any]:
    return {
        "photo_id": photo.photo_id,
        "status": photo.evaluation,
        "taken_at": photo.taken_at,
        "submitted_at": photo.submitted_at,
        "retention_ends": photo.retention_ends,
        "studio": photo.account.studio_name or photo.account.name,
        "photographer": photo.photographer.name,
        "decision": _decision(photo.latest_decision),
        "uses": [
            {
                "application_number": u.application_number,
                "permit_type": u.permit_type,
                "organisation": u.organisation,
                "at": u.at,
            }
            for u in photo.uses.all()
        ],
    }


class PhotoView(XRoadView):
    def get(self, request: Request, photo_id: str) -> Response:
        photo = self.held_photo(photo_id)
        record(request, "xroad.photo.view", photos=[photo], account_id=photo.account_id)
        return Response(serializers.PhotoSerializer(photo_data(photo)).data)


class ImageView(XRoadView):
    """The JPEG of a held photo: the service's busiest call.

    A GET skips DRF's request wrapping, negotiation and exception handling (the answer is
    the JPEG or X-Road's error JSON whatever the Accept header says): the same checks and
    audit record, in a fraction of the CPU. Other methods go through DRF (405)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            return super().dispatch(request, *args, **kwargs)
        self.args, self.kwargs, self.request = args, kwargs, request
        try:
            self.xroad = access.context(request.headers, request.META.get("REMOTE_ADDR", ""))
            request.xroad = self.xroad  # the audit trail reads who called from the request
            return self.image(request, kwargs["photo_id"])
        except access.Refused as exc:
            body = {"type": exc.type, "message": exc.message, "detail": exc.detail}
            return JsonResponse(body, status=exc.status)

    def get(self, request: Request, photo_id: str) -> HttpResponse:
        return self.image(request, photo_id)  # the schema's view of the call (see dispatch)

    def image(self, request: HttpRequest | Request, photo_id: str) -> HttpResponse:
        canonical = self.canonical_id(photo_id)
        # One query for the hot path: the image of a photo still held, and whose it is.
        held = finder.held_image(canonical)
        if held is None:
            raise access.Refused(404, "Client.NotFound", "no such photo",
                                 "photos are deleted six months after submission")  # fmt: skip
        ciphertext, account_id = held
        data = decrypt(ciphertext, "photo")
        record(request, "xroad.photo.image", photos=[canonical], account_id=account_id)
        response = HttpResponse(data, content_type="image/jpeg")
        response["Cache-Control"] = "private, no-store"
        return response


def _by_hetu(request: Request, hetu: str) -> Response:
    try:
        normal = normalise_hetu(hetu)
    except InvalidPersonId:
        raise access.Refused(400, "Client.BadRequest", "invalid personal identity code") from None
    photos = list(finder.by_hetu(normal).prefetch_related("uses")[:100])
    record(request, "xroad.photo.search", photos=photos, query={"hetu": normal})
    data = {"photos": [photo_data(p) for p in photos]}
    return Response(serializers.PhotoListSerializer(data).data)


class PhotoListView(XRoadView):
    def get(self, request: Request) -> Response:
        serializer = serializers.SearchSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        return _by_hetu(request, serializer.validated_data["hetu"])


class SearchView(XRoadView):
    def post(self, request: Request) -> Response:
        serializer = serializers.SearchSerializer(data=_body(request))
        serializer.is_valid(raise_exception=True)
        return _by_hetu(request, serializer.validated_data["hetu"])


def _body(request: Request) -> dict[str, Any]:
    data = request.data
    if not isinstance(data, dict):
        raise access.Refused(400, "Client.BadRequest", "the body must be a JSON object")
    return data


class _Idempotent(XRoadView):
    """A POST whose answer is kept for its X-Road-Id: a retry gets the same answer."""

    action = ""

    def post(self, request: Request, photo_id: str) -> Response:
        body = _body(request)
        photo = self.held_photo(photo_id)
        digest = hashlib.sha256(
            json.dumps([request.path, body], sort_keys=True, default=str).encode()
        ).hexdigest()
        message_id = self.xroad.message_id
        if message_id:
            answered = AnsweredMessage.objects.filter(
                client=self.xroad.client, message_id=message_id
            ).first()
            if answered is not None:
                return self.replay(answered, digest)
        try:
            with transaction.atomic():
                status, data = self.perform(request, photo, body)
                if message_id:
                    AnsweredMessage.objects.create(
                        client=self.xroad.client, message_id=message_id, body_hash=digest,
                        photo=photo, status_code=status, response=json.loads(
                            JSONRenderer().render(data)),
                    )  # fmt: skip
        except IntegrityError:
            # The same X-Road-Id arrived twice at once: answer as the first one did.
            answered = AnsweredMessage.objects.filter(
                client=self.xroad.client, message_id=message_id
            ).first()
            if answered is None:
                raise
            return self.replay(answered, digest)
        return Response(data, status=status)

    def replay(self, answered: AnsweredMessage, digest: str) -> Response:
        if answered.body_hash != digest:
            raise access.Refused(
                409, "Client.Conflict", "this X-Road-Id was already used with a different request"
            )
        response = Response(answered.response, status=answered.status_code)
        response["X-Road-Id-Replayed"] = "true"
        return response

    def perform(self, request: Request, photo: Photo, body: dict[str, Any]) -> tuple[int, Any]:
        raise NotImplementedError


def _refused(code: str) -> access.Refused:
    status = 409 if code in ("change_reason", "conflict") else 422
    return access.Refused(status, "Client.Refused", REFUSALS.get(code, code), code)


class DecisionView(_Idempotent):
    def perform(self, request: Request, photo: Photo, body: dict[str, Any]) -> tuple[int, Any]:
        if not self.xroad.user_id:
            raise access.Refused(
                400, "Client.BadRequest", f"the {access.USER_ID} header is required for decisions"
            )
        serializer = serializers.DecisionRequestSerializer(data=body)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        by = DecidedBy(
            name=values["officer_name"],
            organisation=self.xroad.organisation,
            xroad_client=self.xroad.client,
            xroad_user=self.xroad.user_id,
        )
        data = DecisionInput(
            outcome=values["outcome"],
            permit_type=values["permit_type"],
            reasons=list(values["reasons"]),
            message=values["message"],
            medical_exception=values["medical_exception"],
            change_reason=values["change_reason"],
        )
        try:
            decision = record_decision(photo, by, data, request, audit_action="xroad.decide")
        except DecisionRefused as refused:
            raise _refused(refused.code) from None
        return 201, serializers.DecisionSerializer(_decision(decision)).data


class UseView(_Idempotent):
    def perform(self, request: Request, photo: Photo, body: dict[str, Any]) -> tuple[int, Any]:
        serializer = serializers.UseRequestSerializer(data=body)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        try:
            use, created = record_use(
                photo, values["application_number"], values["permit_type"],
                self.xroad.organisation, self.xroad.client, request,
            )  # fmt: skip
        except UseRefused as refused:
            raise _refused(refused.code) from None
        data = {
            "application_number": use.application_number,
            "permit_type": use.permit_type,
            "organisation": use.organisation,
            "at": use.at,
        }
        return (201 if created else 200), serializers.UseSerializer(data).data
