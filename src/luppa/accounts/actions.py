"""The state changes of an account, each in one transaction with its audit record: the pages
(accounts' own details, the administrators' account pages) only ask and answer."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from ..audit.log import record
from ..core.errors import Refusal
from .models import Account, ApiKey, Photographer, SuspensionChange


class AccountRefused(Refusal):
    """Codes: "last_photographer" (an account keeps at least one photographer)."""


@transaction.atomic
def change_suspension(account: Account, suspend: bool, reason: str, request: Any = None) -> bool:
    """Suspends or restores the account's rights; False when another administrator (or a
    second click) got there first and there was nothing to change."""
    locked = Account.objects.select_for_update().get(pk=account.pk)
    if locked.suspended == suspend:
        return False
    locked.suspended_at = timezone.now() if suspend else None
    locked.suspension_reason = reason if suspend else ""
    locked.save(update_fields=["suspended_at", "suspension_reason"])
    user = getattr(request, "user", None)
    SuspensionChange.objects.create(
        account=locked,
        suspended=suspend,
        reason=reason,
        by=user if getattr(user, "is_authenticated", False) else None,
        at=locked.suspended_at or timezone.now(),
    )
    action = "account.suspend" if suspend else "account.restore"
    # The audit keeps the reason's keyed hash only (audit.log.safe_query).
    record(request, action, query={"account": locked.pk, "reason": reason})
    return True


def can_remove_photographer(account: Account) -> bool:
    return account.photographers.filter(active=True).count() >= 2


@transaction.atomic
def remove_photographer(account: Account, photographer: Photographer, request: Any = None) -> None:
    """Deactivates (never deletes: old photos and statistics still name them) a photographer;
    refused for the last active one."""
    # Locked, so that two sessions cannot each remove one of the last two photographers.
    active = list(account.photographers.select_for_update().filter(active=True))
    if len(active) < 2:
        raise AccountRefused("last_photographer")
    Photographer.objects.filter(pk=photographer.pk).update(active=False)
    record(request, "photographer.remove", query={"photographer": photographer.pk})


def revoke_api_key(key: ApiKey, request: Any = None, by: str = "account", **audit: Any) -> bool:
    """The key stops working at once; revoking cannot be undone. `by` says who revoked it
    (account, admin, command); `audit` overrides the audit record's query or actor. False
    when the key was already revoked."""
    changed = ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=by
    )
    if changed:
        record(request, "apikey.revoke", **{"query": {"key": key.lookup}, **audit})
    return bool(changed)
