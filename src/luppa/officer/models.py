"""Permit officers and administrators, and the decisions they make on photos."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..photos.models import Photo


class Organisation(models.TextChoices):
    POLICE = "police", _("Poliisi")
    MIGRI = "migri", _("Maahanmuuttovirasto")


class Officer(models.Model):
    """A permit officer or an administrator of one organisation."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("Lupavirkailija")
        ADMIN = "admin", _("Pääkäyttäjä")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="officer"
    )
    name = models.CharField(_("nimi"), max_length=200)
    organisation = models.CharField(_("organisaatio"), max_length=10, choices=Organisation.choices)
    role = models.CharField(_("rooli"), max_length=10, choices=Role.choices, default=Role.OFFICER)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class Decision(models.Model):
    """One officer decision on a photo. The photo shows the latest; the history stays."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Hyväksytty")
        REJECTED = "rejected", _("Hylätty")

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="decisions")
    # None when the decision came over X-Road from a permit application system.
    officer = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    officer_name = models.CharField(max_length=200)
    xroad_client = models.CharField(max_length=200, blank=True)
    xroad_user = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=10, choices=Organisation.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reasons = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    permit_type = models.CharField(max_length=40)
    medical_exception = models.BooleanField(default=False)
    # Why an earlier decision was changed; empty for the first decision.
    change_reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
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
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "application_number"], name="one_use_per_application"
            )
        ]
