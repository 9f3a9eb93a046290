"""The API's request and response shapes. Responses are rendered through these serializers,
so the OpenAPI schema drf-spectacular derives from them is the shape actually sent.

Input is validated by the web pages' forms (luppa.photos.forms); the request serializers
here only describe it for the schema.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..photos.models import Photo

STATUS_CHOICES = [c.value for c in Photo.Evaluation]
CHECK_STATUSES = ["pass", "fail", "warn", "not_evaluated"]


@extend_schema_field({"type": "boolean", "enum": [True]})
class ConsentField(serializers.BooleanField):
    """Described as "must be true": a submission without the customer's consent is a 400."""


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField(
        help_text="What went wrong, in the request's language (`?lang`, else Accept-Language)."
    )
    code = serializers.CharField(
        required=False,
        help_text="A refusal's stable code: `account suspended`, `format`, `policy.*`, "
        "`photo_id.*`, ...",
    )
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages per input field (400 only), in the request's language.",
    )


class CheckSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Stable check identifier, e.g. `geometry.crown_to_chin`.")
    section = serializers.CharField(help_text="Section of decree 1168/2016.")
    status = serializers.ChoiceField(choices=CHECK_STATUSES)
    value = serializers.JSONField(allow_null=True, help_text="The measured value, if any.")
    limit = serializers.CharField(allow_blank=True, allow_null=True)
    message = serializers.CharField(help_text="What is wrong and how to fix it.")


class GeometrySerializer(serializers.Serializer):
    crown_y = serializers.IntegerField()
    chin_y = serializers.IntegerField()
    crown_to_chin = serializers.IntegerField()
    crown_margin = serializers.IntegerField()
    chin_margin = serializers.IntegerField()
    centre_x = serializers.FloatField()
    centre_offset = serializers.FloatField()


class CheckReportSerializer(serializers.Serializer):
    file = serializers.CharField(allow_blank=True)
    verdict = serializers.ChoiceField(choices=["pass", "fail", "error"])
    error = serializers.CharField(allow_null=True, help_text="Why the file could not be read.")
    checks = CheckSerializer(many=True)
    geometry = GeometrySerializer(allow_null=True, help_text="Head position in pixels.")
    elapsed_ms = serializers.FloatField()


class SubmitErrorSerializer(ErrorSerializer):
    report = CheckReportSerializer(
        required=False,
        help_text="When the photo fails the format checks: the whole report.",
    )


class CheckUploadSerializer(serializers.Serializer):
    image = serializers.FileField(help_text="The JPEG, at most 250 kB.")


class SubmitPhotoSerializer(serializers.Serializer):
    image = serializers.FileField(help_text="The JPEG: 500×653 px, at most 250 kB.")
    photographer = serializers.CharField(
        help_text="The named photographer: their id, or their exact name, in this account."
    )
    first_names = serializers.CharField(required=False, allow_blank=True, max_length=100)
    surname = serializers.CharField(required=False, allow_blank=True, max_length=100)
    hetu = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=11,
        help_text="Personal identity code; 2023 century signs and temporary codes accepted. "
        "Stored encrypted and never returned.",
    )
    birth_date = serializers.CharField(
        required=False, allow_blank=True, help_text="DDMMYY, when no HETU is given."
    )
    consent = ConsentField(
        help_text="The customer (or guardian) consents to the upload. Must be true."
    )
    receipt_email = serializers.EmailField(required=False, allow_blank=True)
    receipt_phone = serializers.CharField(
        required=False, allow_blank=True, help_text="Customer's mobile number for the receipt."
    )


class PhotographerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CustomerSerializer(serializers.Serializer):
    first_names = serializers.CharField(allow_blank=True)
    surname = serializers.CharField(allow_blank=True)
    birth_date = serializers.DateField(allow_null=True)


class PhotoIdMixin(serializers.Serializer):
    photo_id = serializers.CharField(help_text="For people: two groups of five, `K7QX3-MRDW9`.")
    photo_id_compact = serializers.CharField(help_text="The same without the hyphen.")


class SubmittedPhotoSerializer(PhotoIdMixin):
    status = serializers.ChoiceField(choices=STATUS_CHOICES)
    taken_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField()
    photographer = PhotographerSerializer()
    report = CheckReportSerializer()
    url = serializers.URLField(help_text="This photo in the API.")
    receipt_url = serializers.URLField(help_text="The printable receipt (PDF).")


class SentPhotoSerializer(PhotoIdMixin):
    status = serializers.ChoiceField(choices=STATUS_CHOICES)
    taken_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField()
    photographer = PhotographerSerializer()
    customer = CustomerSerializer(
        allow_null=True,
        help_text="Null once hidden: one week after the evaluation. The HETU is never shown.",
    )
    personal_data_visible_until = serializers.DateTimeField(allow_null=True)
    evaluated_at = serializers.DateTimeField(allow_null=True)
    officer_name = serializers.CharField(allow_blank=True)
    rejection_reasons = serializers.ListField(child=serializers.CharField())
    officer_message = serializers.CharField(allow_blank=True)
    retention_ends = serializers.DateTimeField(help_text="The photo is deleted then.")
    url = serializers.URLField()
    receipt_url = serializers.URLField()


class SentPhotoDetailSerializer(SentPhotoSerializer):
    verdict = serializers.ChoiceField(choices=["pass", "fail", "error", ""])
    checks = CheckSerializer(many=True)
    geometry = GeometrySerializer(allow_null=True)


class SentPhotoPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SentPhotoSerializer(many=True)
