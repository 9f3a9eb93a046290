"""Logging in: from an identified person to the account they act in."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from ..integrations.authorizations import Mandate, identity_key, service
from ..integrations.identification import Identity
from .models import Account, AccountAccess, Photographer, User


@dataclass(frozen=True)
class Choice:
    """One way the person may act: as themselves, or for a company."""

    key: str  # "self", a business ID, or "staff"
    label: str
    account: Account | None
    can_create: bool  # a company without an account, and the person is its main representative


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
    mandates: list[Mandate] = service().companies_for(identity)
    accounts = {
        a.business_id: a
        for a in Account.objects.filter(business_id__in=[m.business_id for m in mandates])
    }
    staff = getattr(user, "officer", None)
    if staff is not None and staff.active and settings.STAFF_SUOMIFI_LOGIN:
        label = f"{staff.get_organisation_display()} – {staff.get_role_display()}"
        result.insert(0, Choice("staff", label, None, can_create=False))
    for m in mandates:
        account = accounts.get(m.business_id)
        result.append(
            Choice(
                m.business_id, m.company_name, account, account is None and m.main_representative
            )
        )
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
def open_company_account(mandate_choice: Choice, studio_name: str, **contact: str) -> Account:
    return Account.objects.create(
        kind=Account.Kind.COMPANY,
        name=mandate_choice.label,
        business_id=mandate_choice.key,
        studio_name=studio_name or mandate_choice.label,
        **contact,
    )


def record_access(user: User, account: Account, basis: str) -> None:
    AccountAccess.objects.create(user=user, account=account, basis=basis)
