"""Logging in: from an identified person to the account they act in."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from ..integrations.authorizations import CompanyGrant, identity_key
from ..integrations.identification import Identity
from .models import Account, AccountAccess, Photographer, User


@dataclass(frozen=True)
class Choice:
    """One way the person may act: as themselves or as an officer. Companies are chosen on
    Suomi.fi e-Authorizations' own selection page (integrations.authorizations)."""

    key: str  # "self" or "officer"
    label: str
    account: Account | None
    can_create: bool  # the person's own private account, not yet opened


def user_for(identity: Identity) -> User:
    user, created = User.objects.get_or_create(
        username=identity_key(identity), defaults={"full_name": identity.full_name}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif user.full_name != identity.full_name:
        user.full_name = identity.full_name
        user.save(update_fields=["full_name"])
    return user


def choices_for(user: User, identity: Identity) -> list[Choice]:
    own = Account.objects.filter(owner=user).first()
    result = [Choice("self", identity.full_name, own, can_create=own is None)]
    officer = getattr(user, "officer", None)
    if officer is not None and officer.active and settings.OFFICER_SUOMIFI_LOGIN:
        label = f"{officer.get_organisation_display()} – {officer.get_role_display()}"
        result.insert(0, Choice("officer", label, None, can_create=False))
    return result


@transaction.atomic
def open_private_account(user: User) -> Account:
    account, created = Account.objects.get_or_create(
        owner=user,
        defaults={
            "kind": Account.Kind.PERSON,
            "name": user.full_name,
            "studio_name": user.full_name,
        },
    )
    if created:
        Photographer.objects.create(account=account, name=user.full_name)
    return account


@transaction.atomic
def open_company_account(grant: CompanyGrant, studio_name: str, **contact: str) -> Account:
    """The company's account, opened by its main representative (checked by the caller)."""
    return Account.objects.create(
        kind=Account.Kind.COMPANY,
        name=grant.name,
        business_id=grant.business_id,
        studio_name=studio_name or grant.name,
        **contact,
    )


def record_access(user: User, account: Account, basis: str) -> None:
    AccountAccess.objects.create(user=user, account=account, basis=basis)
