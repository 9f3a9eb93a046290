"""The officer side: permit officers and administrators."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from factories.accounts import PersonUserFactory
from luppa.officer.models import Officer


class OfficerFactory(DjangoModelFactory):
    """An officer (Officer) for a test person (`person`), by default a police officer."""

    class Meta:
        model = Officer
        django_get_or_create = ("user",)

    class Params:
        person = 4  # webtools.OUTI

    user = factory.SubFactory(PersonUserFactory, person=factory.SelfAttribute("..person"))
    name = factory.LazyAttribute(lambda o: o.user.full_name)
    organisation = "police"
    role = "officer"
