"""Permissions of the studio API (kept apart from the views: DRF's settings import it early)."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from ..accounts.models import Account


class HasAccount(BasePermission):
    """The request carries a valid key; request.user is then the key's Account.

    DRF's IsAuthenticated would ask the Account for `is_authenticated`, which it lacks.
    """

    def has_permission(self, request: Any, view: Any) -> bool:
        return isinstance(request.user, Account)
