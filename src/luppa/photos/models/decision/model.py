"""The officer decisions on a photo and the applications it has been attached to.

Both are the photo's own records, so they live in the photo layer; the tables keep their
old names (review_*) from when the officer app owned them. A decision made on the officer's
page points at its Officer by the string reference "review.Officer": a database reference
only, which no code in this layer follows (see models/__init__.py).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luppa.core.fields import EncryptedTextField
from luppa.decree.organisations import Organisation

from ..photo.model import Photo
from .queryset import DecisionQuerySet


class Decision(models.Model):
    """One officer decision on a photo. The photo points at its latest (Photo.latest_decision);
    the history stays."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Hyväksytty")
        REJECTED = "rejected", _("Hylätty")

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="decisions")
    # None when the decision came over X-Road from a permit application system.
    officer = models.ForeignKey(
        "review.Officer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    officer_name = EncryptedTextField(max_length=200, purpose="person")
    xroad_client = models.CharField(max_length=200, blank=True)
    # The end user over X-Road, e.g. "FI" + a HETU: personal, so sealed like the names.
    xroad_user = EncryptedTextField(max_length=200, blank=True, purpose="person")
    organisation = models.CharField(max_length=10, choices=Organisation.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reasons = models.JSONField(default=list, blank=True)
    # Free text to the photographer: it may name people, so it is sealed.
    message = EncryptedTextField(blank=True, purpose="person")
    permit_type = models.CharField(max_length=40)
    medical_exception = models.BooleanField(default=False)
    # Why an earlier decision was changed; empty for the first decision.
    change_reason = EncryptedTextField(blank=True, purpose="person")
    at = models.DateTimeField(default=timezone.now)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        db_table = "review_decision"
        ordering = ["-at", "-pk"]


class PhotoUse(models.Model):
    """An application the photo has been attached to (by a permit application system)."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="uses")
    application_number = models.CharField(max_length=50)
    permit_type = models.CharField(max_length=40)
    organisation = models.CharField(max_length=10, choices=Organisation.choices, blank=True)
    xroad_client = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "review_photouse"
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "application_number"], name="one_use_per_application"
            )
        ]
