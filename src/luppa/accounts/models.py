"""Photographer accounts: a private person's or a company's, and its named photographers.

The service keeps no passwords: a user is whoever Suomi.fi identification says, known here
by a keyed hash of their HETU. A company account is opened by the company's main
representative; afterwards anyone holding the company's mandate acts in it.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core import name_index
from ..core.crypto import keyed_hash
from ..core.fields import EncryptedTextField, NameIndexField
from ..core.name_index import normal


class User(AbstractUser):
    """An identified person. `username` is the keyed hash of their HETU; no password. The
    name is encrypted at rest, like every person's name (core/fields.py)."""

    full_name = EncryptedTextField(max_length=200, blank=True, purpose="person")

    def __str__(self) -> str:
        return self.full_name or self.username[:12]


class AccountQuerySet(models.QuerySet):
    def search(self, text: str) -> AccountQuerySet:
        """Accounts whose name or receipt studio name contains `text` (any case), found
        through the keyed index: both names are encrypted."""
        if not normal(text):
            return self.none()
        return self.filter(
            name_index.contains("name", text) | name_index.contains("studio_name", text)
        )


class Account(models.Model):
    """A private person's or a company's account.

    The names are encrypted at rest: a private account's name, and by default its receipt
    studio name, are its owner's name, and a sole trader's business name often is a person's
    name too, so every account is treated alike. `name_index` finds them by any part
    (core/name_index.py); pages sort them in Python (by_name). The street address (a private
    person's home) and the free-text suspension reason are encrypted as well; postal code and
    post office are kept in clear (a place, shared by thousands)."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Yksityishenkilö")
        COMPANY = "company", _("Yritys")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = EncryptedTextField(_("nimi"), max_length=200, purpose="person")
    # The private person's own account: one per identified person.
    owner = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="own_account"
    )
    business_id = models.CharField(max_length=9, unique=True, null=True, blank=True)
    studio_name = EncryptedTextField(
        _("kuvakuitissa näkyvä studion nimi"), max_length=200, purpose="person"
    )
    name_index = NameIndexField(sources=("name", "studio_name"))
    # The contact person and details are encrypted at rest; nothing searches them.
    contact_person = EncryptedTextField(
        _("yhteyshenkilö"), max_length=200, blank=True, purpose="contact"
    )
    street_address = EncryptedTextField(
        _("katuosoite"), max_length=200, blank=True, purpose="contact"
    )
    postal_code = models.CharField(_("postinumero"), max_length=5, blank=True)
    post_office = models.CharField(_("postitoimipaikka"), max_length=100, blank=True)
    phone = EncryptedTextField(_("puhelin"), max_length=30, blank=True, purpose="contact")
    email = EncryptedTextField(_("sähköposti"), max_length=254, blank=True, purpose="contact")
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspension_reason = EncryptedTextField(blank=True, purpose="person")
    created_at = models.DateTimeField(default=timezone.now)

    objects = AccountQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="account_kind_identity",
                condition=(models.Q(kind="person", owner__isnull=False, business_id__isnull=True))
                | (models.Q(kind="company", owner__isnull=True, business_id__isnull=False)),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def suspended(self) -> bool:
        return self.suspended_at is not None

    def save(self, *args: object, **kwargs: object) -> None:
        # The search index follows the encrypted names whenever they are saved.
        update = kwargs.get("update_fields")
        if update is not None and {"name", "studio_name"} & set(update):  # type: ignore[call-overload]
            kwargs["update_fields"] = {*update, "name_index"}  # type: ignore[misc]
        super().save(*args, **kwargs)


class Photographer(models.Model):
    """A named photographer (free-form name) under an account; statistics are per one."""

    class Mode(models.TextChoices):
        GUIDED = "guided", _("Ohjattu")
        ADVANCED = "advanced", _("Edistynyt")

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="photographers")
    # The name is encrypted at rest; `name_key`, a keyed hash of the case-folded name, keeps
    # active names unique within an account and finds a photographer by exact name.
    name = EncryptedTextField(_("nimi"), max_length=100, purpose="person")
    name_key = models.CharField(max_length=64, editable=False, db_index=True, default="")
    mode = models.CharField(_("tila"), max_length=10, choices=Mode.choices, default=Mode.GUIDED)
    # Removed photographers stay for their photos and statistics, hidden from choices.
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]  # the names are ciphertext: sort them in Python (by_name)
        constraints = [
            models.UniqueConstraint(
                fields=["account", "name_key"],
                condition=models.Q(active=True),
                name="unique_active_photographer_name",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_key = name_key(self.name)
        update = kwargs.get("update_fields")
        if update is not None and "name" in update:
            kwargs["update_fields"] = {*update, "name_key"}
        super().save(*args, **kwargs)


def name_key(name: str) -> str:
    """The keyed hash that stands for a photographer's name in the database."""
    return keyed_hash("photographer-name", normal(name))


def by_name(photographers: object) -> list[Photographer]:
    """Photographers in alphabetical order (the database holds only ciphertext)."""
    return sorted(photographers, key=lambda p: (normal(p.name), p.pk))  # type: ignore[attr-defined]


def account_pks_by_name(accounts: models.QuerySet[Account]) -> list[int]:
    """The accounts' keys in alphabetical order of name. The names are ciphertext in the
    database, so only (pk, name) pairs are read and sorted here; a page then loads its own
    rows (a few thousand accounts decrypt in tens of milliseconds)."""
    pairs = accounts.order_by().values_list("pk", "name")
    return [pk for pk, name in sorted(pairs, key=lambda p: (normal(p[1] or ""), p[0]))]


class SuspensionChange(models.Model):
    """One suspension or restoration of an account, with the administrator's reason (free
    text that may name people, so encrypted). The account page's history reads these; the
    audit record of the same change keeps only a keyed hash of the reason, as audit records
    cannot be re-encrypted when the keys rotate."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="suspension_changes"
    )
    suspended = models.BooleanField()
    reason = EncryptedTextField(blank=True, purpose="person")
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]


class AccountAccess(models.Model):
    """Who acted in which account and on what basis: a trail of logins (who, when, mandate)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE)
    account = models.ForeignKey(Account, on_delete=models.CASCADE)
    basis = models.CharField(max_length=20)  # "self", "main_representative", "mandate"
    at = models.DateTimeField(default=timezone.now)


class ApiKey(models.Model):
    """A studio software's key. Only a SHA-256 of the secret is kept; the prefix finds it."""

    PREFIX = "lk_"

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(_("nimi"), max_length=100)
    lookup = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    # Who made the key: the identified person (or an operator's command), kept by name too so
    # that the list still says who after the person's user is gone.
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_name = EncryptedTextField(max_length=200, blank=True, purpose="person")
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.CharField(max_length=10, blank=True)  # "account", "admin" or "command"

    @classmethod
    def issue(
        cls, account: Account, name: str, created_by: User | None = None, by_name: str = ""
    ) -> tuple[ApiKey, str]:
        """A new key and its secret text, which is shown once and never stored."""
        from django.conf import settings

        lookup = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        key = cls.objects.create(
            account=account,
            name=name,
            lookup=lookup,
            secret_hash=_sha256(secret),
            created_by=created_by,
            created_by_name=(created_by.full_name if created_by else by_name)[:200],
            expires_at=timezone.now() + timedelta(days=settings.API_KEY_VALID_DAYS),
        )
        return key, f"{cls.PREFIX}{lookup}_{secret}"

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def usable(self) -> bool:
        return self.revoked_at is None and not self.expired

    @classmethod
    def authenticate(cls, presented: str) -> ApiKey | None:
        if not presented.startswith(cls.PREFIX) or presented.count("_") < 2:
            return None
        lookup, _sep, secret = presented[len(cls.PREFIX) :].partition("_")
        key = cls.objects.select_related("account").filter(lookup=lookup).first()
        if key is None or not key.usable:
            return None
        if not secrets.compare_digest(key.secret_hash, _sha256(secret)):
            return None
        return key


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
