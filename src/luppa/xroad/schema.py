"""The OpenAPI 3 description of the X-Road service, served at /xroad/v1/openapi.json.

The permit application systems' X-Road administrators publish it in the X-Road catalogue
(X-Road REST services are described with OpenAPI 3).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny

from . import access, serializers

ERRORS = {
    400: "Invalid input or headers.",
    403: "The caller is not the security server, or the client subsystem is not allowed.",
    404: "No such photo (never submitted, or deleted six months after submission).",
    409: "The X-Road-Id was used with another body, or the decision needs change_reason.",
    415: "The body must be application/json.",
    422: "Refused by the decision rules (e.g. a driving licence, a rejection without reasons).",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(serializers.XRoadErrorSerializer, description=ERRORS[code])
        for code in codes
    }


def _header(name: str, required: bool, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.STR, OpenApiParameter.HEADER, required=required,
        description=description,
    )  # fmt: skip


CLIENT = _header(access.CLIENT, True, "The calling subsystem, e.g. `FI/GOV/0245437-2/lupa`; "
                 "must be on the service's allow-list.")  # fmt: skip
USER = _header(access.USER_ID, False, "The end user in the permit system (e.g. `FI12345678`).")
USER_REQUIRED = _header(access.USER_ID, True, "The officer in the permit system.")
MESSAGE = _header(access.MESSAGE_ID, False, "The message id. Logged; a POST repeated with "
                  "the same X-Road-Id and body gets the first answer again.")  # fmt: skip
PHOTO_ID = OpenApiParameter(
    "photo_id", OpenApiTypes.STR, OpenApiParameter.PATH,
    description="The photo ID from the receipt, in any case, with or without spaces and hyphens.",
)  # fmt: skip
READ = [CLIENT, USER, MESSAGE]

photo = extend_schema(
    operation_id="xroad_get_photo", summary="A photo's status, decision and applications",
    parameters=[PHOTO_ID, *READ],
    responses={200: serializers.PhotoSerializer, **errors(400, 403, 404)},
)  # fmt: skip
image = extend_schema(
    operation_id="xroad_get_photo_image", summary="The JPEG, byte for byte as submitted",
    parameters=[PHOTO_ID, *READ],
    responses={
        (200, "image/jpeg"): OpenApiResponse(OpenApiTypes.BINARY, description="The photo."),
        **errors(400, 403, 404),
    },
)  # fmt: skip
listing = extend_schema(
    operation_id="xroad_list_photos_by_hetu",
    summary="Photos submitted with a HETU in the last six months (prefer the POST search)",
    description="Kept for systems that can only GET. The query string holds a HETU: the "
    "access logs in front of the service must not record query strings. `POST "
    "/xroad/v1/photos/search` takes the HETU in the body instead.",
    parameters=[
        OpenApiParameter("hetu", OpenApiTypes.STR, OpenApiParameter.QUERY, required=True),
        *READ,
    ],
    responses={200: serializers.PhotoListSerializer, **errors(400, 403)},
)
search = extend_schema(
    operation_id="xroad_search_photos_by_hetu",
    summary="Photos submitted with a HETU in the last six months",
    parameters=READ,
    request=serializers.SearchSerializer,
    responses={200: serializers.PhotoListSerializer, **errors(400, 403, 415)},
)
decision = extend_schema(
    operation_id="xroad_decide_photo", summary="Approve, or reject with reasons",
    description="The same rules as on the officer's page: reasons from the decree's list, "
    "never a driving licence, a change of decision needs `change_reason`.",
    parameters=[PHOTO_ID, CLIENT, USER_REQUIRED, MESSAGE],
    request=serializers.DecisionRequestSerializer,
    responses={201: serializers.DecisionSerializer, **errors(400, 403, 404, 409, 415, 422)},
)  # fmt: skip
uses = extend_schema(
    operation_id="xroad_add_photo_use", summary="Attach the photo to an application",
    parameters=[PHOTO_ID, CLIENT, USER, MESSAGE],
    request=serializers.UseRequestSerializer,
    responses={
        201: serializers.UseSerializer,
        200: OpenApiResponse(serializers.UseSerializer, description="Already attached."),
        **errors(400, 403, 404, 409, 415, 422),
    },
)  # fmt: skip

DESCRIPTION = """\
Permit photos for the permit application systems of the police and the Finnish Immigration
Service, over the X-Road data exchange layer.

**Callers.** Only the organisation's X-Road security server may call; the `X-Road-Client`
subsystem must be on the allow-list. `X-Road-UserId` names the end user and is required for
decisions. Every call is recorded in the audit trail with these headers.

**Errors.** X-Road's JSON form `{"type", "message", "detail"}` with a 4xx status.

**Personal data.** Search by HETU with `POST /xroad/v1/photos/search`, so that the HETU
never appears in a URL. Photos are deleted six months after submission.
"""


class SchemaView(SpectacularJSONAPIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    urlconf = "luppa.xroad.schema_urls"
    custom_settings: dict[str, Any] = {
        "TITLE": "Luppa X-Road service",
        "DESCRIPTION": DESCRIPTION,
        "VERSION": "1.0.0",
        "COMPONENT_SPLIT_REQUEST": True,
        "SCHEMA_PATH_PREFIX": "/xroad/v1",
        "ENUM_NAME_OVERRIDES": {
            "PhotoStatusEnum": serializers.STATUSES,
            "OutcomeEnum": ["approved", "rejected"],
        },
    }
