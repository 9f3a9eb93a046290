"""Request and response bodies of the X-Road service; they also make its OpenAPI schema."""

from __future__ import annotations

from rest_framework import serializers

from ..decree import permits, reasons

REASON_CODES = [r.code for r in reasons.REASONS]
# Named so that a driving licence gets a clear refusal (422), not a schema error.
PERMIT_CODES = [*sorted(permits.ALLOWED), permits.DRIVING_LICENCE]
STATUSES = ["pending", "approved", "rejected"]


class XRoadErrorSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="e.g. Client.BadRequest, Client.NotFound")
    message = serializers.CharField()
    detail = serializers.CharField(allow_blank=True)


class DecisionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["approved", "rejected"])
    reasons = serializers.ListField(child=serializers.ChoiceField(choices=REASON_CODES))
    message = serializers.CharField(allow_blank=True)
    officer = serializers.CharField()
    organisation = serializers.ChoiceField(choices=["police", "migri"])
    permit_type = serializers.CharField()
    medical_exception = serializers.BooleanField()
    at = serializers.DateTimeField()


class UseSerializer(serializers.Serializer):
    application_number = serializers.CharField()
    permit_type = serializers.CharField()
    organisation = serializers.CharField(allow_blank=True)
    at = serializers.DateTimeField()


class PhotoSerializer(serializers.Serializer):
    photo_id = serializers.CharField(help_text="Canonical form, e.g. E39M4JN6FJ")
    status = serializers.ChoiceField(choices=STATUSES)
    taken_at = serializers.DateTimeField(help_text="Time of photography")
    submitted_at = serializers.DateTimeField()
    retention_ends = serializers.DateTimeField(help_text="The photo is deleted at this time")
    studio = serializers.CharField()
    photographer = serializers.CharField(help_text="The named photographer")
    decision = DecisionSerializer(allow_null=True, help_text="The latest decision, if any")
    uses = UseSerializer(many=True, help_text="Applications the photo is attached to")


class PhotoListSerializer(serializers.Serializer):
    photos = PhotoSerializer(many=True)


class SearchSerializer(serializers.Serializer):
    hetu = serializers.CharField(max_length=20, help_text="Personal identity code (HETU)")


class DecisionRequestSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["approved", "rejected"])
    reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=REASON_CODES), default=list, max_length=30
    )
    message = serializers.CharField(allow_blank=True, default="", max_length=2000)
    officer_name = serializers.CharField(max_length=200)
    permit_type = serializers.ChoiceField(choices=PERMIT_CODES)
    medical_exception = serializers.BooleanField(default=False)
    change_reason = serializers.CharField(
        allow_blank=True, default="", max_length=2000,
        help_text="Required when the photo already has a decision",
    )  # fmt: skip


class UseRequestSerializer(serializers.Serializer):
    application_number = serializers.RegexField(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,49}$")
    permit_type = serializers.ChoiceField(choices=PERMIT_CODES)
