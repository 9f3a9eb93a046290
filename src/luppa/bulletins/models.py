"""Bulletins (tiedotteet) from the police: photo-quality notices and service breaks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BulletinQuerySet(models.QuerySet):
    def current(self, now=None):
        now = now or timezone.now()
        return self.filter(valid_from__lte=now).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=now)
        )


class Bulletin(models.Model):
    class Kind(models.TextChoices):
        NOTICE = "notice", _("Tiedote")
        SERVICE_BREAK = "service_break", _("Käyttökatko")

    kind = models.CharField(_("tyyppi"), max_length=20, choices=Kind.choices, default=Kind.NOTICE)
    title_fi = models.CharField(_("otsikko (suomi)"), max_length=200)
    title_sv = models.CharField(_("otsikko (ruotsi)"), max_length=200)
    title_en = models.CharField(_("otsikko (englanti)"), max_length=200, blank=True)
    body_fi = models.TextField(_("teksti (suomi)"))
    body_sv = models.TextField(_("teksti (ruotsi)"))
    body_en = models.TextField(_("teksti (englanti)"), blank=True)
    valid_from = models.DateTimeField(_("voimassa alkaen"), default=timezone.now)
    valid_until = models.DateTimeField(_("voimassa asti"), null=True, blank=True)
    show_on_login = models.BooleanField(_("näytetään myös kirjautumissivulla"), default=False)
    author = models.ForeignKey(
        "review.Officer", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = BulletinQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-pk"]

    def _localised(self, field: str) -> str:
        lang = (get_language() or "fi")[:2]
        return getattr(self, f"{field}_{lang}", "") or getattr(self, f"{field}_fi")

    @property
    def title(self) -> str:
        return self._localised("title")

    @property
    def body(self) -> str:
        return self._localised("body")


class BulletinRead(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        unique_together = [("bulletin", "user")]
