"""OpenAPI 3 description pieces: the bearer key scheme, shared parameters and error answers,
and the schema and Swagger UI views (public; their assets are served locally by the sidecar).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from ..quality.messages import LANGUAGES
from .serializers import CHECK_STATUSES, STATUS_CHOICES, ErrorSerializer

ERROR_TEXT = {
    400: "Invalid input: `fields` holds the messages per field.",
    401: "Missing, invalid or revoked API key.",
    403: "The account's rights to submit photos are suspended.",
    404: "No such photo in this account.",
    409: "The Idempotency-Key was already used with a different request.",
    413: "The upload is larger than the service accepts.",
    415: "The body must be multipart/form-data.",
    429: "Too many uploads with this key; `Retry-After` says when to try again.",
}


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "luppa.api.auth.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "lk_<lookup>_<secret>",
            "description": "A studio API key (`luppa apikey create ACCOUNT`), sent as "
            "`Authorization: Bearer lk_...`.",
        }


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=ERROR_TEXT[code]) for code in codes}


LANG = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=list(LANGUAGES),
    description="Language of the check messages. Default: Accept-Language, else `fi`.",
)
# Ten characters of the photo-ID alphabet in any case, spaces and hyphens anywhere.
_ID_CHAR = "[34679ACDEFGHJKMNPQRTWXYacdefghjkmnpqrtwxy]"
PHOTO_ID_PATTERN = f"^[ -]*({_ID_CHAR}[ -]*){{10}}$"
PHOTO_ID = OpenApiParameter(
    "photo_id",
    {"type": "string", "pattern": PHOTO_ID_PATTERN},
    OpenApiParameter.PATH,
    description="The photo ID in any case, with or without spaces and hyphens.",
)


DESCRIPTION = """\
Checks and submits permit photos (decree 1168/2016) for photographers' studio software.

**Keys.** Send `Authorization: Bearer lk_...`; a key belongs to one photographer account
(`luppa apikey create ACCOUNT`) and sees only that account's photos. Another account's
photo answers 404, exactly like one that does not exist.

**Errors.** Always JSON: `{"error": "..."}`, and for invalid input (400) also
`"fields": {"name": ["message", ...]}`. A refusal by the service's rules (a suspended
account, the upload policy, a photo failing an objective requirement, a mistyped photo ID)
also carries a stable `"code"`. Nothing is stored when a request is refused.

**Language.** Every text of an answer (check messages, field messages, refusals and the
protocol's own errors: key, size, parsing, paging, conflicts) follows `?lang=fi|sv|en`, else
`Accept-Language`, else Finnish, and `Content-Language` names it. Match on the status and
the `code`, not on the text.

**Retries.** Send an `Idempotency-Key` with each submission: a retry within 24 hours returns
the first answer instead of a second photo.

**Personal data.** The HETU is stored encrypted and never returned. The customer's name and
birth date are shown until one week after the officer's evaluation; photos are deleted six
months after submission.
"""


class SchemaView(SpectacularJSONAPIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    urlconf = "luppa.api.schema_urls"
    custom_settings = {
        "DESCRIPTION": DESCRIPTION,
        # Separate request components, so that uploads are described as binary files.
        "COMPONENT_SPLIT_REQUEST": True,
        # Two kinds of `status` (the officer's evaluation, a check's outcome) need names.
        "ENUM_NAME_OVERRIDES": {
            "PhotoStatusEnum": STATUS_CHOICES,
            "CheckStatusEnum": CHECK_STATUSES,
        },
        "TAGS": [
            {"name": "checks", "description": "The automatic checks, without storing anything."},
            {"name": "photos", "description": "Submitting photos and following their status."},
        ],
    }


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script as a separate request (`?script=`) and its
    page style in a static file: the Content-Security-Policy allows no inline script or
    style."""

    template_name = "api/swagger_ui.html"
    authentication_classes: list = []
    permission_classes = [AllowAny]
    url_name = "api:schema"
