"""/api/v1/photos: submit a photo (POST) and list the account's sent photos (GET)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from ..accounts.models import Account, name_key
from ..audit.log import record
from ..photos import services
from ..photos.search import SentSearchForm, find_sent_photos
from . import idempotency, representation
from .base import UploadView
from .errors import InvalidInput, Refused, form_errors
from .pagination import MAX_PAGE_SIZE, SentPagination
from .schema import ERROR_TEXT, LANG, errors
from .serializers import (
    STATUS_CHOICES,
    SentPhotoPageSerializer,
    SubmitErrorSerializer,
    SubmitPhotoSerializer,
    SubmittedPhotoSerializer,
)
from .submission import check, create_and_submit, validate

SEARCH_FIELDS = (
    "birth_date",
    "first_name",
    "surname",
    "taken_from",
    "taken_to",
    "photo_id",
    "photographer",
    "status",
)


# An empty value means "not given", as on the Sent photos page's form.
DATE_OR_EMPTY = {
    "oneOf": [{"type": "string", "format": "date"}, {"type": "string", "maxLength": 0}]
}


def _query(
    name: str,
    description: str,
    kind: OpenApiTypes | dict[str, object] = OpenApiTypes.STR,
    **kw: object,
) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description, **kw)


LIST_PARAMETERS = [
    _query("birth_date", "Customer's birth date, DDMMYY (e.g. 010170)."),
    _query("first_name", "Part of the customer's first names, any case."),
    _query("surname", "Part of the customer's surname, any case."),
    _query("taken_from", "Taken on or after this date (Finnish time).", DATE_OR_EMPTY),
    _query("taken_to", "Taken on or before this date (Finnish time).", DATE_OR_EMPTY),
    _query("photo_id", "A photo ID, any case, with or without the hyphen."),
    _query("photographer", "A named photographer's id or name (removed ones too)."),
    _query("status", "The officer's evaluation.", enum=STATUS_CHOICES),
    _query("page", "Page number, from 1.", {"type": "integer", "minimum": 1}),
    _query(
        "page_size",
        f"Photos per page, 1–{MAX_PAGE_SIZE} (default 20).",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
    ),
]
IDEMPOTENCY = OpenApiParameter(
    idempotency.HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Optional, e.g. a UUID per photo. A retry with the same key within 24 hours "
    "returns the first response (with `Idempotent-Replayed: true`) instead of submitting "
    "again; the same key with a different request is a 409.",
)


def _search_params(account: Account, query: QueryDict) -> dict[str, str]:
    params = {name: query.get(name, "") for name in SEARCH_FIELDS}
    given = params["photographer"].strip()
    if given and not given.isdigit():
        # The search form takes an id; integrators may prefer the name they print.
        by_name = account.photographers.filter(name_key=name_key(given)).order_by("-active", "-pk")
        found = by_name.values_list("pk", flat=True).first()
        params["photographer"] = str(found) if found is not None else given
    return params


class PhotosView(UploadView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="list_photos",
        summary="List sent photos",
        description="The account's submitted photos, newest first, filtered like the Sent "
        "photos page. The customer's names and birth date are shown until one week after "
        "the evaluation and can be searched only as long; the HETU is never shown.",
        tags=["photos"],
        parameters=LIST_PARAMETERS,
        responses={
            200: SentPhotoPageSerializer,
            **errors(400, 401),
            404: OpenApiResponse(description="No such page."),
        },
    )
    def get(self, request: Request) -> Response:
        form = SentSearchForm(
            data=_search_params(self.account, request.query_params), account=self.account
        )
        if not form.is_valid():
            raise InvalidInput(_("Virheellinen haku."), form_errors(form))
        paginator = SentPagination()
        page = paginator.paginate_queryset(
            find_sent_photos(self.account, form.criteria()), request, view=self
        )
        record(request, "api.photos.list", photos=page, query=request.query_params.dict(),
               actor_label=self.actor_label)  # fmt: skip
        data = {
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": [representation.sent(photo, request) for photo in page],
        }
        return Response(SentPhotoPageSerializer(data).data)

    @extend_schema(
        operation_id="submit_photo",
        summary="Submit a photo",
        description="Checks the photo and submits it officially in one step: the answer has "
        "the photo ID for the receipt. The receipt is sent to the customer's e-mail and/or "
        "mobile number when given. If anything is refused nothing is stored. Format "
        "failures (not 500×653 px, over 250 kB) block submission; the other checks are "
        "advisory and the permit officer decides.",
        tags=["photos"],
        parameters=[LANG, IDEMPOTENCY],
        request={"multipart/form-data": SubmitPhotoSerializer},
        responses={
            201: SubmittedPhotoSerializer,
            400: OpenApiResponse(SubmitErrorSerializer, description=ERROR_TEXT[400]),
            **errors(401, 403, 409, 413, 415, 429),
        },
    )
    def post(self, request: Request) -> Response:
        key = idempotency.header_key(request)
        self.upload()
        body = idempotency.body_hash(request) if key else ""
        if key and (record := idempotency.find(self.account, key)):
            return idempotency.replay(record, body)
        if self.account.suspended:
            raise Refused(services.SubmitRefused("account suspended"), 403)
        submission = validate(self.account, request.data, request.FILES)
        report = check(submission, self.lang)
        try:
            with transaction.atomic():
                # The person behind the key (its maker) stands as the submitter.
                maker = getattr(request.auth, "created_by", None)
                photo = create_and_submit(
                    self.account,
                    submission,
                    report,
                    request,
                    submitted_by=maker.username if maker else "",
                )
                data = SubmittedPhotoSerializer(
                    representation.submitted(photo, report, self.lang, request)
                ).data
                if key:
                    idempotency.remember(self.account, key, body, photo, 201, data)
        except IntegrityError:
            # Only a concurrent request with the same key gets here: answer as its replay.
            if key and (record := idempotency.find(self.account, key)):
                return idempotency.replay(record, body)
            raise
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})
