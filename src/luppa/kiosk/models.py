"""A kiosk Visit (one customer at one kiosk, wiped when it ends), the Case it creates (the
application the counter can continue by its hand-off code) and HelpCalls for the officers."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core.fields import EncryptedJSONField, EncryptedTextField

# Hand-off codes are read aloud and typed at the counter: no 0/O, 1/I/L, 5/S, 8/B.
CODE_ALPHABET = "234679ACDEFGHJKMNPQRTUVWXYZ"
CODE_LENGTH = 6


OFFICER_REASONS = {
    "chip": _("asiakirjan siru ei todentunut"),
    "comparison": _("kasvojen vertailu vaatii virkailijan tarkistuksen"),
    "camera": _("kameraa ei voitu käyttää"),
    "payment": _("asiakas maksaa palvelupisteessä"),
    "submit": _("kuvan lähetys ei onnistunut"),
}


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("kesken")
        # The customer was sent to the counter; the code continues the case there.
        COUNTER = "counter", _("ohjattu palvelupisteeseen")
        DONE = "done", _("valmis")

    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_code)
    kiosk = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    reason = models.CharField(max_length=40, blank=True)  # a key, never shown to the customer

    @property
    def reason_label(self) -> str:
        """Why the counter continues: for the officers only."""
        if not self.reason:
            return ""
        return str(OFFICER_REASONS.get(self.reason.split(".")[0], self.reason))

    step = models.CharField(max_length=20, blank=True)
    # The identity read from the verified document (MRZ fields), encrypted at rest.
    identity = EncryptedJSONField(null=True, blank=True, purpose="person")
    photo = models.ForeignKey(
        "photos.Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signature_svg = EncryptedTextField(blank=True, purpose="person")
    fingerprint_ref = models.CharField(max_length=60, blank=True)
    amount_cents = models.PositiveIntegerField(default=0)
    payment_ref = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)


class Visit(models.Model):
    token = models.CharField(max_length=64, unique=True)
    kiosk = models.CharField(max_length=40)
    step = models.CharField(max_length=20, default="language")
    lang = models.CharField(max_length=5, default="fi")
    # Everything personal of the visit (DG2, the photo candidate), encrypted; gone with it.
    payload = EncryptedJSONField(null=True, blank=True, purpose="person")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL)
    started_at = models.DateTimeField(default=timezone.now)
    touched_at = models.DateTimeField(default=timezone.now, db_index=True)


class HelpCall(models.Model):
    kiosk = models.CharField(max_length=40)
    step = models.CharField(max_length=20)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
