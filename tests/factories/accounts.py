"""Users, photographer accounts (a company's or a private person's) and named photographers."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from luppa.accounts.models import Account, ApiKey, Photographer, User
from luppa.integrations.authorizations import person_key
from luppa.integrations.identification import TEST_PERSONS


def business_id(n: int) -> str:
    """The n-th valid Finnish business ID (Y-tunnus, with its mod-11 check digit)."""
    for base in range(7_000_000 + n * 3, 7_000_000 + n * 3 + 3):
        digits = f"{base:07d}"
        remainder = (
            sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        )
        if remainder != 1:  # remainder 1 has no check digit: try the next number
            return f"{digits}-{0 if remainder == 0 else 11 - remainder}"
    raise AssertionError("unreachable: one of three consecutive numbers has a check digit")


class UserFactory(DjangoModelFactory):
    """A user with no usable password, as every user of the service (identification only)."""

    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user-{n:04d}")
    full_name = factory.Sequence(lambda n: f"Käyttäjä {n}")
    password = factory.django.Password(None)


class PersonUserFactory(UserFactory):
    """The user the sign-in makes for a test person of the fake identification (`person`)."""

    class Params:
        person = 0  # an index into TEST_PERSONS (webtools.PIA, …)

    username = factory.LazyAttribute(lambda o: person_key(TEST_PERSONS[o.person].hetu))
    full_name = factory.LazyAttribute(
        lambda o: f"{TEST_PERSONS[o.person].first_names} {TEST_PERSONS[o.person].last_name}"
    )


class CompanyAccountFactory(DjangoModelFactory):
    class Meta:
        model = Account
        django_get_or_create = ("business_id",)

    kind = Account.Kind.COMPANY
    name = "Kuvaamo Oy"
    business_id = factory.Sequence(business_id)
    studio_name = factory.LazyAttribute(lambda o: o.name)


class PrivateAccountFactory(DjangoModelFactory):
    """A private person's own account (open it with `accounts.services.open_private_account`
    when its photographer matters: that is what the sign-in does)."""

    class Meta:
        model = Account

    kind = Account.Kind.PERSON
    owner = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda o: o.owner.full_name or o.owner.username)
    studio_name = factory.LazyAttribute(lambda o: o.name)


class PhotographerFactory(DjangoModelFactory):
    """A named photographer; by default of a new company account."""

    class Meta:
        model = Photographer
        django_get_or_create = ("account", "name")

    account = factory.SubFactory(CompanyAccountFactory)
    name = "Kari Kuvaaja"


class StudioPhotographerFactory(PhotographerFactory):
    """Kari Kuvaaja of Kuvaamo Oy (1234567-1), whose receipts name Studio Valo: the studio
    the officer-side tests find photos of."""

    account = factory.SubFactory(
        CompanyAccountFactory, business_id="1234567-1", studio_name="Studio Valo"
    )


class ApiKeyFactory(factory.Factory):
    """An API key issued as the service issues them; `.secret` holds the secret text."""

    class Meta:
        model = ApiKey

    account = factory.SubFactory(CompanyAccountFactory)
    name = "studio software"

    @classmethod
    def _create(cls, model_class, account, name, **kwargs):
        key, secret = model_class.issue(account, name, **kwargs)
        key.secret = secret
        return key
