"""/api/v1/photos/{photo_id} and its receipt: one of the account's own sent photos.

Another account's photo answers exactly like one that does not exist (404), so photo IDs
cannot be probed through the API.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from ..accounts.models import Account
from ..audit.log import record
from ..core.photo_id import InvalidPhotoId, explain, normalise
from ..photos import receipt
from ..photos.models import Photo
from ..photos.visibility import personal_data_visible
from . import representation
from .base import StudioView
from .errors import InvalidInput
from .schema import LANG, PHOTO_ID, errors
from .serializers import SentPhotoDetailSerializer


def own_photo(account: Account, raw_id: str) -> Photo:
    try:
        compact = normalise(raw_id)
    except InvalidPhotoId as exc:
        # The pages' own text in the client's language; the code is for machines.
        text = explain(exc)
        raise InvalidInput(text, {"photo_id": [text]}, code=exc.code) from None
    photo = (
        Photo.objects.select_related("photographer", "account", "latest_decision")
        .filter(account=account, state=Photo.State.SUBMITTED, photo_id=compact)
        .first()
    )
    if photo is None:
        raise NotFound(_("Kuvaa ei löydy."))
    return photo


class PhotoView(StudioView):
    @extend_schema(
        operation_id="get_photo",
        summary="One sent photo",
        description="The photo's status, the officer's feedback and the automatic check "
        "results in the chosen language. A wrong check character in the ID is a 400 "
        "(`code` `photo_id.typo`) so that a typo is not mistaken for a missing photo.",
        tags=["photos"],
        parameters=[PHOTO_ID, LANG],
        responses={200: SentPhotoDetailSerializer, **errors(400, 401, 404)},
    )
    def get(self, request: Request, photo_id: str) -> Response:
        photo = own_photo(self.account, photo_id)
        record(request, "api.photo.view", photos=[photo], actor_label=self.actor_label)
        data = representation.sent_detail(photo, self.lang, request)
        return Response(SentPhotoDetailSerializer(data).data)


class ReceiptView(StudioView):
    @extend_schema(
        operation_id="get_receipt",
        summary="The photo receipt (PDF)",
        description="The printable receipt for the customer: the photo ID as text and as a "
        "Code 128 barcode, studio name, time of photography, the customer's name while it "
        "is visible, and instructions in Finnish and Swedish.",
        tags=["photos"],
        parameters=[
            PHOTO_ID,
            OpenApiParameter(
                "size",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=list(receipt.SIZES),
                default=receipt.DEFAULT_SIZE,
                description="10x15 (cm, a photo print) or 80x72 (mm, a receipt printer).",
            ),
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The receipt, one page."
            ),
            **errors(400, 401, 404),
        },
    )
    def get(self, request: Request, photo_id: str) -> HttpResponse:
        size = request.query_params.get("size", receipt.DEFAULT_SIZE)
        if size not in receipt.SIZES:
            raise InvalidInput(
                _("Tuntematon kuittikoko."),
                {
                    "size": [
                        _("Käytä jotakin näistä: %(choices)s.")
                        % {"choices": ", ".join(receipt.SIZES)}
                    ]
                },
            )
        photo = own_photo(self.account, photo_id)
        record(request, "api.receipt.pdf", photos=[photo], actor_label=self.actor_label)
        data = receipt.receipt_data(photo, show_name=personal_data_visible(photo))
        response = HttpResponse(receipt.receipt_pdf(data, size), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="{receipt.filename(photo.photo_id, size)}"'
        )
        # It names the customer: keep it out of shared caches.
        response["Cache-Control"] = "private, no-store"
        return response
