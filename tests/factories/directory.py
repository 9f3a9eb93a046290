"""Studios of the public directory."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from factories.accounts import CompanyAccountFactory
from luppa.directory.models import Studio


class StudioFactory(DjangoModelFactory):
    class Meta:
        model = Studio

    account = factory.SubFactory(CompanyAccountFactory)
    name = factory.Sequence(lambda n: f"Studio {n}")
    street_address = factory.LazyAttribute(lambda o: f"{o.name}katu 1")
    postal_code = "00100"
    post_office = "Helsinki"
    municipality = "Helsinki"
    opening_hours = "ma–pe 9–17"
    phone = "09 1234567"
