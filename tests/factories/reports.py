"""Statistics rows, as `luppa.reports.recording` keeps them for every submitted photo."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from luppa.reports.models import PhotoStat


class PhotoStatFactory(DjangoModelFactory):
    """One photo's statistics row; decided an hour after submission unless still pending."""

    class Meta:
        model = PhotoStat

    account_id = 1
    photographer_id = 1
    photographer_name = "Kuvaaja"
    studio_name = "Studio"
    submitted_at = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC))
    evaluation = "pending"
    reasons = factory.LazyFunction(list)
    flagged_checks = factory.LazyFunction(list)
    decided_at = None
    # Far above the pks of photos a test submits, whose rows share the column.
    photo_pk = factory.Sequence(lambda n: 1_000_000 + n)
