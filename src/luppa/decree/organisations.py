"""The authorities that decide on permit photos (SPEC §3): the police and the Immigration
Service. Part of the decree's vocabulary so that the photo layer's decisions can name them
without importing the officer side (which sits above the photos)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.TextChoices):
    POLICE = "police", _("Poliisi")
    MIGRI = "migri", _("Maahanmuuttovirasto")
