"""Re-sealing encrypted columns: under the current data key (`luppa rotate-keys`), and
once, for values stored in clear before a column was encrypted (the migrations).

Works on raw column values, batch by batch, each row updated only if it still holds the
value read (compare-and-set), so it runs beside the live service: a row the service
rewrites meanwhile is already sealed under the current key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction

from . import crypto

FERNET_PREFIX = b"gAAAAA"


@dataclass(frozen=True)
class Column:
    table: str
    column: str
    purpose: str
    binary: bool = False


# Every encrypted column. A new one must be listed here, or rotation leaves it behind.
COLUMNS: tuple[Column, ...] = (
    Column("photos_photo", "first_names", "person"),
    Column("photos_photo", "surname", "person"),
    Column("photos_photo", "birth_date", "person"),
    Column("photos_photo", "receipt_email", "contact"),
    Column("photos_photo", "receipt_phone", "contact"),
    Column("photos_photo", "hetu_ciphertext", "hetu", binary=True),
    Column("photos_photoimage", "ciphertext", "photo", binary=True),
    Column("photos_photoembedding", "ciphertext", "data", binary=True),
    Column("outbox_message", "recipient", "outbox"),
    Column("outbox_message", "body", "outbox"),
    Column("outbox_message", "attachment", "outbox", binary=True),
    Column("api_idempotencykey", "response", "api"),
    Column("accounts_user", "full_name", "person"),
    Column("accounts_account", "contact_person", "contact"),
    Column("accounts_account", "phone", "contact"),
    Column("accounts_account", "email", "contact"),
    Column("accounts_account", "name", "person"),
    Column("accounts_account", "studio_name", "person"),
    Column("accounts_account", "street_address", "contact"),
    Column("accounts_account", "suspension_reason", "person"),
    Column("accounts_suspensionchange", "reason", "person"),
    Column("accounts_photographer", "name", "person"),
    Column("accounts_apikey", "created_by_name", "person"),
    Column("review_officer", "name", "person"),
    Column("review_decision", "officer_name", "person"),
    Column("review_decision", "message", "person"),
    Column("review_decision", "change_reason", "person"),
    Column("review_decision", "xroad_user", "person"),
    Column("reports_photostat", "photographer_name", "person"),
    Column("reports_photostat", "studio_name", "person"),
    Column("xroad_answeredmessage", "response", "xroad"),
    Column("kiosk_case", "identity", "person"),
    Column("kiosk_case", "signature_svg", "person"),
    Column("kiosk_visit", "payload", "person"),
)


def _is_sealed(raw: bytes) -> bool:
    return raw.startswith((crypto.MAGIC, crypto.TEXT_PREFIX, FERNET_PREFIX))


def _resealed(column: Column, value: object, current: str) -> object | None:
    """The new stored value, or None when the value is already sealed under `current`."""
    raw = value.encode() if isinstance(value, str) else bytes(value)  # type: ignore[arg-type]
    if _is_sealed(raw):
        if crypto.key_id(raw) == current:
            return None
        plain = crypto.decrypt(raw, column.purpose)
    else:
        plain = raw  # stored in clear by an earlier version
    if column.binary:
        return crypto.seal(plain, column.purpose)
    return crypto.encrypt(plain, column.purpose).decode()


def reseal(column: Column, batch: int = 200) -> int:
    """Re-seals every value of `column` not sealed under the current key; returns how many."""
    current = crypto.current_key_id()
    qn = connection.ops.quote_name
    table, col = qn(column.table), qn(column.column)
    done, last = 0, -1
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, {col} FROM {table} WHERE id > %s AND {col} IS NOT NULL "
                f"ORDER BY id LIMIT %s",
                [last, batch],
            )
            rows = cursor.fetchall()
        if not rows:
            return done
        with transaction.atomic():
            for pk, value in rows:
                last = pk
                if value in ("", b""):
                    continue
                new = _resealed(column, value, current)
                if new is None:
                    continue
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"UPDATE {table} SET {col} = %s WHERE id = %s AND {col} = %s",
                        [new, pk, value],
                    )
                    done += cursor.rowcount


def reseal_all(columns: Iterable[Column] = COLUMNS) -> dict[str, int]:
    return {f"{c.table}.{c.column}": reseal(c) for c in columns}


def stale_count(columns: Iterable[Column] = COLUMNS) -> int:
    """Values not sealed under the current key (what rotation still has to do)."""
    current = crypto.current_key_id()
    qn = connection.ops.quote_name
    count = 0
    for column in columns:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {qn(column.column)} FROM {qn(column.table)} "
                f"WHERE {qn(column.column)} IS NOT NULL"
            )
            for (value,) in cursor.fetchall():
                if value in ("", b""):
                    continue
                raw = value.encode() if isinstance(value, str) else bytes(value)
                if not _is_sealed(raw) or crypto.key_id(raw) != current:
                    count += 1
    return count
