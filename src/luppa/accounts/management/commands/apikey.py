"""Studio API keys: `luppa apikey create ACCOUNT [--name NAME]`, `luppa apikey list ACCOUNT`,
`luppa apikey revoke LOOKUP`.

ACCOUNT is the company's business ID (1234567-1) or the account's numeric id. The secret is
printed once, on creation; only its hash is kept, so a lost key is revoked and replaced.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone

from luppa.accounts import actions
from luppa.accounts.models import Account, ApiKey
from luppa.audit.log import record


def find_account(text: str) -> Account:
    text = text.strip()
    query = Q(business_id=text)
    if text.isdigit() and len(text) <= 18:
        query |= Q(pk=int(text))
    account = Account.objects.filter(query).first()
    if account is None:
        raise CommandError(f"no account with business ID or id {text!r}")
    return account


def find_key(text: str) -> ApiKey:
    """By its lookup (as `list` shows it), or by the whole key text."""
    text = text.strip()
    if text.startswith(ApiKey.PREFIX):
        text = text[len(ApiKey.PREFIX) :].partition("_")[0]
    key = ApiKey.objects.select_related("account").filter(lookup=text).first()
    if key is None:
        raise CommandError(f"no API key with lookup {text!r}")
    return key


def _when(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "-"


class Command(BaseCommand):
    help = "Create, list and revoke studio API keys."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="issue a key; the secret is shown once")
        create.add_argument("account", metavar="ACCOUNT", help="business ID or account id")
        create.add_argument("--name", default="", help="what uses the key, e.g. the software")
        listing = actions.add_parser("list", help="the account's keys, without secrets")
        listing.add_argument("account", metavar="ACCOUNT", help="business ID or account id")
        revoke = actions.add_parser("revoke", help="stop a key from working, at once")
        revoke.add_argument("lookup", metavar="KEY_LOOKUP", help="the key's lookup or the key")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _create(self, options: dict[str, Any]) -> None:
        account = find_account(options["account"])
        name = (options.get("name") or "").strip() or "studio API"
        if len(name) > ApiKey._meta.get_field("name").max_length:
            raise CommandError("the name is too long (at most 100 characters)")
        key, secret = ApiKey.issue(account, name, by_name="luppa apikey")
        record(None, "apikey.create", query={"key": key.lookup}, role="operator",
               actor_label="luppa apikey (command line)", account_id=account.pk)  # fmt: skip
        if account.suspended:
            self.stderr.write("warning: the account is suspended; it cannot submit photos")
        self.stdout.write(f"API key {key.lookup} ({name}) for {account.name}")
        self.stdout.write("Store it now; it is not shown again:")
        self.stdout.write(secret)

    def _list(self, options: dict[str, Any]) -> None:
        account = find_account(options["account"])
        keys = account.api_keys.order_by("created_at", "pk")
        if not keys:
            self.stdout.write(f"{account.name}: no API keys")
            return
        self.stdout.write(f"{'LOOKUP':<12}  {'CREATED':<16}  {'LAST USED':<16}  STATUS   NAME")
        for key in keys:
            if key.revoked_at:
                state = f"revoked {_when(key.revoked_at)}"
            elif key.expired:
                state = f"expired {_when(key.expires_at)}"
            else:
                state = "active"
            self.stdout.write(
                f"{key.lookup:<12}  {_when(key.created_at):<16}  "
                f"{_when(key.last_used_at):<16}  {state:<7}  {key.name}"
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        key = find_key(options["lookup"])
        if key.revoked_at is not None:
            self.stdout.write(f"API key {key.lookup} was already revoked {_when(key.revoked_at)}")
            return
        actions.revoke_api_key(key, None, by="command", role="operator",
                               actor_label="luppa apikey (command line)",
                               account_id=key.account_id)  # fmt: skip
        self.stdout.write(f"API key {key.lookup} ({key.name}) of {key.account.name} revoked")
