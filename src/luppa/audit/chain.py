"""The keyed hash chain over audit records.

Each record's MAC is HMAC-SHA256(key, previous MAC + canonical JSON of the record), under a
key derived from settings.AUDIT_KEY that the database never holds. Appending takes a lock on
an AuditHead row inside the caller's transaction, so records get consecutive `seq` numbers in
commit order and a rolled-back transaction leaves no gap. Whoever can write to the database
but lacks the key cannot forge a record that `verify` accepts.

The lock is held until the transaction commits, and a commit waits for the disk (2 ms here,
often more): with one chain every audited request in every process would queue for the
disk in turn, however many cores there are. So there are LANES parallel chains, each with its
own head row: an append takes the first head no one else holds (PostgreSQL's SKIP LOCKED),
and concurrent commits share one disk flush. Each lane is a complete chain with the same
guarantees; `verify` walks them one by one. SQLite takes one write lock per transaction
anyway: there everything goes to lane 1.

On PostgreSQL a database connection also *owns* a lane for as long as it lives (a
session-level advisory lock): it remembers the lane's end and appends with one statement
that moves the head only if it is still where the connection left it, and inserts the
record only if the head moved. Outside a transaction that statement is its own transaction,
so the X-Road image fetch's record costs one round trip instead of BEGIN, lock, insert and
COMMIT, and still commits before the response. If the remembered end is stale (a rolled-back
transaction, a flushed database, another appender in the lane) nothing is written, the end
is read again and the append retried; with no lane free it takes one as above.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import connection, transaction
from django.db.models import JSONField

from ..core.postgresql import direct
from .models import AuditEvent, AuditHead

# Every field that says what happened; a change to any of them breaks the chain.
CHAINED_FIELDS = (
    "seq", "at", "actor_id", "actor_label", "role", "organisation", "account_id",
    "xroad_client", "xroad_user", "xroad_id", "source", "request_id", "action", "query",
    "photo_ids", "term_hashes",
)  # fmt: skip


@cache
def _key(secret: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"luppa-audit-chain-v1"
    ).derive(secret.encode())


def _canonical(event: AuditEvent) -> bytes:
    values = {}
    for name in CHAINED_FIELDS:
        value = getattr(event, name)
        if isinstance(value, dt.datetime):
            # Microseconds survive both databases; the zone is normalised to UTC.
            value = value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        values[name] = value
    return json.dumps(values, sort_keys=True, ensure_ascii=False, default=str).encode()


def compute_mac(event: AuditEvent, prev_mac: str) -> str:
    key = _key(settings.AUDIT_KEY)
    return hmac.new(key, prev_mac.encode() + b"\n" + _canonical(event), hashlib.sha256).hexdigest()


# Enough for the database connections of a few instances (each connection owns a lane
# while it lives); more lanes cost nothing but a row each (migration 0004 creates them).
LANES = 64
# The advisory-lock key space of the lanes (pg_try_advisory_lock(LOCK_SPACE, lane)).
LOCK_SPACE = 0x1A0D17


def _head() -> AuditHead:
    """The head of a lane, locked until the caller's transaction ends."""
    if not connection.features.has_select_for_update_skip_locked:
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head, _created = AuditHead.objects.get_or_create(pk=1)
        return head
    free = AuditHead.objects.select_for_update(skip_locked=True).order_by("pk")
    head = free.first()
    if head is None:
        # Every lane is busy, or the heads do not exist yet (a new database): make sure they
        # do (ON CONFLICT DO NOTHING: appenders may race here), then wait for one.
        _create_heads()
        head = free.first() or AuditHead.objects.select_for_update().get(
            pk=random.randint(1, LANES)
        )
    return head


@cache
def _postgresql_sql() -> tuple[str, str, tuple]:
    """The two statements of an append on PostgreSQL, and the fields they insert."""
    q = connection.ops.quote_name
    fields = tuple(f for f in AuditEvent._meta.concrete_fields if not f.primary_key)
    events, heads = q(AuditEvent._meta.db_table), q(AuditHead._meta.db_table)
    lock = f"SELECT id, seq, mac FROM {heads} ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1"
    insert = (
        f"WITH new AS (INSERT INTO {events} ({', '.join(q(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING id) "
        f"UPDATE {heads} SET seq = %s, mac = %s WHERE id = %s RETURNING (SELECT id FROM new)"
    )
    return lock, insert, fields


def _create_heads() -> None:
    AuditHead.objects.bulk_create(
        [AuditHead(pk=lane) for lane in range(1, LANES + 1)], ignore_conflicts=True
    )


@dataclass
class _OwnedLane:
    """The lane a database connection owns, and the end it last saw."""

    raw: object  # the driver's connection that holds the advisory lock
    lane: int
    seq: int | None = None
    mac: str = ""


@cache
def _owned_sql() -> tuple[str, str, str]:
    """The statements of the owned-lane append: take a lane, read its end, append."""
    q = connection.ops.quote_name
    fields = _postgresql_sql()[2]
    events, heads = q(AuditEvent._meta.db_table), q(AuditHead._meta.db_table)
    # The lowest lane free (a failed try costs microseconds); the LIMIT stops at the first
    # lock taken.
    take = (
        "SELECT lane FROM generate_series(1, %s) lane WHERE pg_try_advisory_lock(%s, lane) LIMIT 1"
    )
    end = f"SELECT seq, mac FROM {heads} WHERE id = %s"
    append = (
        f"WITH head AS (UPDATE {heads} SET seq = %s, mac = %s "
        f"WHERE id = %s AND seq = %s AND mac = %s RETURNING id) "
        f"INSERT INTO {events} ({', '.join(q(f.column) for f in fields)}) "
        f"SELECT {', '.join(f'%s::{_cast(f)}' for f in fields)} FROM head RETURNING id"
    )
    return take, end, append


def _cast(field: object) -> str:
    # Typed parameters (psycopg binds on the server): a varchar's length is checked by the
    # column, not cut by the cast.
    db_type = field.db_type(connection)  # type: ignore[attr-defined]
    return "text" if db_type.startswith("varchar") else db_type


def _owned_lane(cursor: object) -> _OwnedLane | None:
    """This connection's lane (taken on its first append), or None when every lane is
    owned by another connection."""
    raw = connection.connection
    owned: _OwnedLane | None = getattr(connection, "luppa_audit_lane", None)
    if owned is not None and owned.raw is raw:
        return owned
    take = _owned_sql()[0]
    direct.execute(cursor, take, [LANES, LOCK_SPACE])
    row = cursor.fetchone()  # type: ignore[attr-defined]
    owned = _OwnedLane(raw, row[0]) if row else None
    connection.luppa_audit_lane = owned
    return owned


def _db_values(event: AuditEvent, fields: tuple) -> list[object]:
    # What get_db_prep_save gives for these field types, without its per-field dispatch.
    return [
        connection.ops.adapt_json_value(getattr(event, f.attname), f.encoder)
        if isinstance(f, JSONField)
        else getattr(event, f.attname)
        for f in fields
    ]


def _append_owned(event: AuditEvent) -> AuditEvent | None:
    """append() in one statement on this connection's own lane; None if it owns none."""
    with direct.cursor() as cursor:
        owned = _owned_lane(cursor)
        if owned is None:
            return None
        _take, end, append_sql = _owned_sql()
        fields = _postgresql_sql()[2]
        for _attempt in range(3):
            if owned.seq is None:
                direct.execute(cursor, end, [owned.lane])
                row = cursor.fetchone()
                if row is None:  # a new or flushed database: the heads are made on demand
                    _create_heads()
                    continue
                owned.seq, owned.mac = row
            event.lane, event.prev_mac, event.seq = owned.lane, owned.mac, owned.seq + 1
            event.mac = compute_mac(event, event.prev_mac)
            direct.execute(
                cursor, append_sql,
                [event.seq, event.mac, owned.lane, owned.seq, owned.mac,
                 *_db_values(event, fields)],
            )  # fmt: skip
            row = cursor.fetchone()
            if row is not None:
                event.pk = row[0]
                owned.seq, owned.mac = event.seq, event.mac
                event._state.adding, event._state.db = False, connection.alias
                return event
            owned.seq = None  # the end moved under us: read it again
    return None


def _append_postgresql(event: AuditEvent) -> AuditEvent:
    """append() in two statements while the lane is locked (the ORM's four, and its query
    building, made every audited request slower and the lock longer)."""
    lock, insert, fields = _postgresql_sql()
    with connection.cursor() as cursor:
        cursor.execute(lock)
        row = cursor.fetchone()
        if row is None:  # every lane busy, or none created yet
            head = _head()
            row = (head.pk, head.seq, head.mac)
        event.lane, seq, event.prev_mac = row
        event.seq = seq + 1
        event.mac = compute_mac(event, event.prev_mac)
        values = [f.get_db_prep_save(f.pre_save(event, True), connection) for f in fields]
        cursor.execute(insert, [*values, event.seq, event.mac, event.lane])
        event.pk = cursor.fetchone()[0]
    event._state.adding, event._state.db = False, connection.alias
    return event


def append(event: AuditEvent) -> AuditEvent:
    """Saves a new record at the end of the chain, in the caller's transaction if any."""
    if connection.vendor == "postgresql":
        appended = _append_owned(event)
        if appended is not None:
            return appended
    # No savepoint: if the insert fails, the caller's transaction is lost anyway.
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            return _append_postgresql(event)
        head = _head()
        event.lane = head.pk
        event.seq = head.seq + 1
        event.prev_mac = head.mac
        event.mac = compute_mac(event, head.mac)
        event.save(force_insert=True)
        head.seq, head.mac = event.seq, event.mac
        head.save(update_fields=["seq", "mac"])
    return event


@dataclass(frozen=True)
class Problem:
    seq: int | None
    pk: int | None
    kind: str  # changed, missing, reordered, head
    detail: str
    lane: int = 1

    def __str__(self) -> str:
        lane = f"lane {self.lane} " if self.lane != 1 else ""
        where = (
            f"record {lane}seq={self.seq} (id {self.pk})" if self.pk else f"{lane}seq={self.seq}"
        )
        return f"{self.kind}: {where}: {self.detail}"


def verify(batch: int = 2000) -> Iterator[Problem]:
    """Walks every lane of the chain in `seq` order and yields every problem found.

    - changed: a record's content no longer matches its MAC;
    - missing: a `seq` number is absent (a deleted record) or the link to it is broken;
    - reordered: the stored order (`id`) disagrees with the chain order (`seq`);
    - head: records after the lane's recorded end, or the end itself deleted.
    """
    heads = {h.pk: h for h in AuditHead.objects.all()}
    lanes = set(heads) | set(
        AuditEvent.objects.exclude(seq=None).values_list("lane", flat=True).distinct()
    )
    for lane in sorted(lanes):
        yield from _verify_lane(lane, heads.get(lane), batch)


def _verify_lane(lane: int, head: AuditHead | None, batch: int) -> Iterator[Problem]:
    expected_seq = (head.purged_through if head else 0) + 1
    prev_mac = head.purged_mac if head else ""
    last_pk = 0
    last_seq = 0
    queryset = AuditEvent.objects.filter(lane=lane).exclude(seq=None).order_by("seq")
    start = 0
    while True:
        rows = list(queryset.filter(seq__gt=start)[:batch])
        if not rows:
            break
        for event in rows:
            if event.seq != expected_seq:
                yield Problem(
                    event.seq, event.pk, "missing",
                    f"records seq={expected_seq}..{event.seq - 1} are missing", lane,
                )  # fmt: skip
                prev_mac = event.prev_mac  # carry on from what this record claims
            elif event.prev_mac != prev_mac:
                yield Problem(
                    event.seq, event.pk, "missing", "link to the previous record broken", lane
                )
                prev_mac = event.prev_mac
            if event.pk < last_pk:
                yield Problem(
                    event.seq, event.pk, "reordered", "stored before an earlier record", lane
                )
            if not hmac.compare_digest(compute_mac(event, prev_mac), event.mac):
                yield Problem(
                    event.seq, event.pk, "changed", "content does not match its MAC", lane
                )
            prev_mac = event.mac
            expected_seq = event.seq + 1
            last_pk = max(last_pk, event.pk)
            last_seq = event.seq
        start = rows[-1].seq
    if head is None:
        yield Problem(last_seq, None, "head", "a lane without its recorded end", lane)
    elif head.seq != max(last_seq, head.purged_through):
        if head.seq > last_seq:
            yield Problem(
                head.seq, None, "missing", f"the last {head.seq - last_seq} record(s)", lane
            )
        else:
            yield Problem(last_seq, None, "head", "records beyond the chain's recorded end", lane)
    elif last_seq and head.mac != prev_mac:
        yield Problem(
            last_seq, None, "changed", "the last record differs from the chain's end", lane
        )
