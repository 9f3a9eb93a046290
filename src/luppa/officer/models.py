"""Permit officers and administrators."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core.fields import EncryptedTextField
from ..decree.organisations import Organisation

# The decisions and the photos' uses moved down to the photo layer (photos/models/decision/),
# keeping their tables (review_decision, review_photouse).
__all__ = ["Officer", "Organisation"]


class Officer(models.Model):
    """A permit officer or an administrator of one organisation."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("Lupavirkailija")
        ADMIN = "admin", _("Pääkäyttäjä")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="officer"
    )
    name = EncryptedTextField(_("nimi"), max_length=200, purpose="person")  # encrypted at rest
    organisation = models.CharField(_("organisaatio"), max_length=10, choices=Organisation.choices)
    role = models.CharField(_("rooli"), max_length=10, choices=Role.choices, default=Role.OFFICER)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN
