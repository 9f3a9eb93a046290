"""Who sees which bulletin, and who has read it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from ..audit.log import record
from .models import Bulletin, BulletinRead


def current_for(user: AbstractBaseUser) -> QuerySet[Bulletin]:
    """Current bulletins, newest first, each with `is_read` for this user."""
    read = BulletinRead.objects.filter(bulletin=OuterRef("pk"), user=user)
    return Bulletin.objects.current().annotate(is_read=Exists(read))


def unread_for(user: AbstractBaseUser) -> QuerySet[Bulletin]:
    # Read marks are per person: a colleague in the same company has marks of their own.
    return Bulletin.objects.current().exclude(reads__user=user)


def login_notices() -> QuerySet[Bulletin]:
    """Service breaks to be shown before anyone logs in."""
    return Bulletin.objects.current().filter(kind=Bulletin.Kind.SERVICE_BREAK, show_on_login=True)


def mark_read(bulletin: Bulletin, user: AbstractBaseUser) -> None:
    # Two tabs opening the same bulletin at once must not fail on the unique pair.
    BulletinRead.objects.bulk_create(
        [BulletinRead(bulletin=bulletin, user=user)], ignore_conflicts=True
    )


@transaction.atomic
def end_now(bulletin: Bulletin, request: Any = None) -> Bulletin:
    """Takes the bulletin off every page at once (an upcoming one never appears), audited."""
    now = timezone.now()
    bulletin.valid_until = now
    if bulletin.valid_from > now:
        bulletin.valid_from = now
    bulletin.save(update_fields=["valid_from", "valid_until"])
    record(request, "bulletin.end", query={"id": bulletin.pk})
    return bulletin
