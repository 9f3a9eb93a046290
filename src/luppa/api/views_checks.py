"""POST /api/v1/checks: the automatic checks of one photo, nothing stored."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from ..photos.forms import PhotoFile
from ..quality import assess
from .base import UploadView
from .errors import InvalidInput, form_errors
from .schema import LANG, errors
from .serializers import CheckReportSerializer, CheckUploadSerializer


class CheckView(UploadView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="check_photo",
        summary="Check a photo",
        description="Runs every automatic check of decree 1168/2016 on the JPEG and returns "
        "the report. Nothing is stored. The checks are advisory, except that a photo failing "
        "an objective requirement (JPEG, 500×653 px, at most 250 kB, exactly one face) "
        "cannot be submitted.",
        tags=["checks"],
        parameters=[LANG],
        request={"multipart/form-data": CheckUploadSerializer},
        responses={200: CheckReportSerializer, **errors(400, 401, 413, 415, 429)},
    )
    def post(self, request: Request) -> Response:
        upload = self.upload()
        form = PhotoFile(data=request.data, files=request.FILES)
        if not form.is_valid():
            raise InvalidInput(_("Tiedostoa ei voi tarkistaa."), form_errors(form))
        report = assess(form.cleaned_data["image"], (upload.name or "")[:255])
        return Response(CheckReportSerializer(report.to_dict(self.lang)).data)
