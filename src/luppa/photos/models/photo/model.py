"""Permit photos: a draft while the photographer checks it, then a submitted photo with an ID.

The image and the HETU are stored encrypted (core.crypto); the HETU also as a keyed hash so
an officer's exact HETU finds the photos. Everything the photographer may see is decided by
timestamps (visibility.py), so the rules hold even when no clean-up job has run.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luppa.accounts.models import Account, Photographer
from luppa.core import crypto, name_index
from luppa.core.fields import EncryptedDateField, EncryptedTextField

from .queryset import RETENTION, PhotoQuerySet

__all__ = ["RETENTION", "Photo", "PhotoEmbedding", "PhotoImage", "birth_date_hash"]

if TYPE_CHECKING:
    import numpy as np


def birth_date_hash(date: dt.date) -> str:
    return crypto.keyed_hash("birth-date", date.isoformat())


class NameIndexField(models.TextField):
    """The keyed search index of the names (core/name_index.py), computed on every save,
    bulk_create included."""

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = name_index.index(
            first_names=model_instance.first_names, surname=model_instance.surname
        )
        setattr(model_instance, self.attname, value)
        return value


class BirthDateHashField(models.CharField):
    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        born = model_instance.birth_date
        value = birth_date_hash(born) if born else ""
        setattr(model_instance, self.attname, value)
        return value


class Photo(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Luonnos")
        SUBMITTED = "submitted", _("Lähetetty")

    class Evaluation(models.TextChoices):
        PENDING = "pending", _("Ei arvioitu")
        APPROVED = "approved", _("Hyväksytty")
        REJECTED = "rejected", _("Hylätty")

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="photos")
    photographer = models.ForeignKey(Photographer, on_delete=models.PROTECT, related_name="photos")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    evaluation = models.CharField(
        max_length=10, choices=Evaluation.choices, default=Evaluation.PENDING
    )
    photo_id = models.CharField(max_length=10, unique=True, null=True, blank=True)

    # The customer (the person in the photo): every field optional.
    # Encrypted at rest; searched through the keyed name index and birth-date hash.
    first_names = EncryptedTextField(_("etunimet"), max_length=100, blank=True, purpose="person")
    surname = EncryptedTextField(_("sukunimi"), max_length=100, blank=True, purpose="person")
    birth_date = EncryptedDateField(_("syntymäaika"), null=True, blank=True, purpose="person")
    name_index = NameIndexField(blank=True, editable=False)
    birth_date_hash = BirthDateHashField(max_length=64, blank=True, db_index=True, editable=False)
    hetu_ciphertext = models.BinaryField(null=True, blank=True, editable=False)
    hetu_hash = models.CharField(max_length=64, null=True, blank=True, db_index=True)
    consent_at = models.DateTimeField()

    taken_at = models.DateTimeField(_("kuvausaika"), default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The identified person who submitted (keyed hash of their identity, as User.username;
    # empty for API submissions by a key with no known maker).
    submitted_by = models.CharField(max_length=64, blank=True)
    receipt_email = EncryptedTextField(max_length=254, blank=True, purpose="contact")
    receipt_phone = EncryptedTextField(max_length=20, blank=True, purpose="contact")
    # The customer's languages on the receipt, e.g. ["fi", "sv"] (photos.receipt.LANGUAGES).
    receipt_languages = models.JSONField(default=list, blank=True)

    # The automatic assessment (luppa.quality), language-neutral; rendered per request.
    checks = models.JSONField(default=list)
    geometry = models.JSONField(null=True, blank=True)
    verdict = models.CharField(max_length=10, blank=True)
    guided_ticks = models.JSONField(default=dict, blank=True)
    # The photographer's note that a 10 § medical exception applies (the officer decides
    # whether it does: Decision.medical_exception).
    medical_exception = models.BooleanField(default=False)

    # The officer's latest decision (actions.record_decision); the history is
    # `decisions`. `evaluation` is the photo's own review state, pending until a decision,
    # kept on the row because the Sent photos tabs filter and index on it.
    latest_decision = models.OneToOneField(
        "photos.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When the photographer was shown the latest decision's feedback (None: not yet).
    feedback_seen_at = models.DateTimeField(null=True, blank=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["account", "state", "-submitted_at"], name="photo_sent_list"),
            models.Index(fields=["account", "evaluation", "-submitted_at"], name="photo_sent_tab"),
        ]

    def __str__(self) -> str:
        return self.photo_id or f"draft {self.pk}"

    def save(self, *args: object, **kwargs: object) -> None:
        # The search index follows the encrypted person fields whenever they are saved.
        fields = kwargs.get("update_fields")
        if fields is not None and {"first_names", "surname", "birth_date"} & set(fields):
            kwargs["update_fields"] = {*fields, "name_index", "birth_date_hash"}
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def has_hetu(self) -> bool:
        return self.hetu_hash is not None

    def set_hetu(self, hetu: str | None) -> None:
        from luppa.core.person_id import hetu_hash, normalise_hetu

        if not hetu:
            self.hetu_ciphertext = None
            self.hetu_hash = None
            return
        normal = normalise_hetu(hetu)
        self.hetu_ciphertext = crypto.seal(normal.encode(), "hetu")
        self.hetu_hash = hetu_hash(normal)

    @property
    def retention_ends(self) -> dt.datetime | None:
        return self.submitted_at + RETENTION if self.submitted_at else None


class PhotoImage(models.Model):
    """The JPEG itself, encrypted, in its own table so that lists never load it."""

    photo = models.OneToOneField(Photo, on_delete=models.CASCADE, related_name="image")
    ciphertext = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    byte_size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    @classmethod
    def from_bytes(cls, photo: Photo, data: bytes, width: int, height: int) -> PhotoImage:
        import hashlib

        return cls(
            photo=photo,
            ciphertext=crypto.seal(data, "photo"),
            sha256=hashlib.sha256(data).hexdigest(),
            byte_size=len(data),
            width=width,
            height=height,
        )

    def data(self) -> bytes:
        return crypto.decrypt(self.ciphertext, "photo")


class PhotoEmbedding(models.Model):
    """The face embedding of a submitted photo (luppa.faces), for comparing faces.

    A face template is biometric data, so it is encrypted like the image, lives in its own
    table (lists never load it) and goes with the photo: the cascade deletes it when
    retention deletes the photo.
    """

    photo = models.OneToOneField(Photo, on_delete=models.CASCADE, related_name="embedding")
    ciphertext = models.BinaryField()
    model_version = models.CharField(max_length=80)
    # Why a comparison with this photo is less reliable (failed pose/occlusion checks...).
    concerns = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    @classmethod
    def from_vector(
        cls, photo: Photo, vector: object, model_version: str, concerns: list[str]
    ) -> PhotoEmbedding:
        from luppa.faces.vectors import to_bytes

        return cls(
            photo=photo,
            ciphertext=crypto.encrypt(to_bytes(vector)),
            model_version=model_version,
            concerns=concerns,
        )

    def vector(self) -> np.ndarray:
        from luppa.faces.vectors import from_bytes

        return from_bytes(crypto.decrypt(self.ciphertext))
