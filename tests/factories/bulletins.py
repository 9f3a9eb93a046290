"""Bulletins (tiedotteet) as an administrator publishes them."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from luppa.bulletins.models import Bulletin


class BulletinFactory(DjangoModelFactory):
    """The n-th bulletin is titled n and became valid n hours ago (older ones further back)."""

    class Meta:
        model = Bulletin

    class Params:
        n = factory.LazyFunction(lambda: Bulletin.objects.count() + 1)

    title_fi = factory.LazyAttribute(lambda o: f"Tiedote {o.n}")
    title_sv = factory.LazyAttribute(lambda o: f"Meddelande {o.n}")
    body_fi = factory.LazyAttribute(lambda o: f"Teksti {o.n}")
    body_sv = factory.LazyAttribute(lambda o: f"Text {o.n}")
    valid_from = factory.LazyAttribute(lambda o: timezone.now() - dt.timedelta(hours=o.n))
