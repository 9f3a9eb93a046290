"""The audit trail is append-only and tamper-evident, kept five years, and exportable."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from luppa.audit import retention
from luppa.audit.chain import verify
from luppa.audit.log import record
from luppa.audit.models import AppendOnly, AuditEvent

pytestmark = pytest.mark.django_db


def trail(count: int = 5) -> list[AuditEvent]:
    return [record(None, "officer.search", query={"hetu": "131052-308T", "n": i})
            for i in range(count)]  # fmt: skip


def problems() -> list[str]:
    return [str(p) for p in verify()]


def raw(sql: str, params: list) -> None:
    """What an intruder with SQL access does, bypassing the application."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_an_intact_trail_verifies_and_the_command_says_so(capsys) -> None:
    trail()
    assert problems() == []
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out


def test_the_application_cannot_change_or_delete_records() -> None:
    event = trail(1)[0]
    event.action = "nothing.here"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_even_in_sql() -> None:
    event = trail(1)[0]
    for sql in ("UPDATE audit_auditevent SET action = 'x' WHERE id = %s",
                "DELETE FROM audit_auditevent WHERE id = %s"):  # fmt: skip
        with pytest.raises(DatabaseError), transaction.atomic():
            raw(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "officer.search"


def _untriggered(sql: str, params: list) -> None:
    if connection.vendor == "postgresql":
        # Only the table's owner can do this: the attack verify exists for.
        raw("ALTER TABLE audit_auditevent DISABLE TRIGGER luppa_audit_append_only", [])
    raw(sql, params)
    if connection.vendor == "postgresql":
        raw("ALTER TABLE audit_auditevent ENABLE TRIGGER luppa_audit_append_only", [])


def test_verify_finds_a_changed_record_and_says_which() -> None:
    events = trail()
    _untriggered("UPDATE audit_auditevent SET photo_ids = %s WHERE id = %s",
                 ['["E39M4JN6FJ"]', events[2].pk])  # fmt: skip
    assert problems() == [f"changed: record seq={events[2].seq} (id {events[2].pk}): "
                          "content does not match its MAC"]  # fmt: skip


def test_verify_finds_a_deleted_record() -> None:
    events = trail()
    _untriggered("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    found = problems()
    assert len(found) == 1 and found[0].startswith(f"missing: record seq={events[2].seq}")
    assert f"seq={events[1].seq}..{events[1].seq}" in found[0]


def test_verify_finds_deleted_last_records() -> None:
    events = trail()
    _untriggered("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    assert problems() == [f"missing: seq={events[-1].seq}: the last 1 record(s)"]


def test_verify_finds_reordered_records() -> None:
    a, b = trail(2)
    # Swap the two records' positions in the chain.
    _untriggered("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [-1, a.pk])
    _untriggered("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [a.seq, b.pk])
    _untriggered("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [b.seq, a.pk])
    found = problems()
    assert any(p.startswith("reordered") for p in found)
    assert any(p.startswith("changed") for p in found)


def test_the_command_exits_non_zero_on_tampering(capsys) -> None:
    events = trail()
    _untriggered("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [events[0].pk])
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    assert exit_info.value.code == 1
    assert f"seq={events[0].seq}" in capsys.readouterr().out


def test_records_are_purged_after_five_years_and_the_chain_still_verifies() -> None:
    long_ago = timezone.now() - dt.timedelta(days=5 * 365 + 10)
    with time_machine.travel(long_ago, tick=False):
        trail(3)
    recent = trail(2)
    assert retention.purge() == 3
    assert set(AuditEvent.objects.values_list("pk", flat=True)) == {e.pk for e in recent}
    assert problems() == []
    assert retention.purge() == 0


def test_export_for_the_supervisor_in_json_lines_and_csv() -> None:
    with time_machine.travel(dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC), tick=False):
        trail(2)
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        trail(1)
    out = io.StringIO()
    call_command("audit", "export", "--from", "2026-01-01", "--to", "2026-02-01", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 2 and all(r["mac"] and "hetu_hash" in r["query"] for r in rows)
    assert "131052" not in out.getvalue()
    out = io.StringIO()
    call_command("audit", "export", "--from", "2026-01-01", "--format", "csv", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("id,seq,at,") and len(lines) == 4


def test_names_and_hetus_in_any_spelling_are_kept_only_as_hashes() -> None:
    event = record(None, "x", query={
        "hetu-hetu": "131052-308T", "firstName": "Maija", "Sukunimi": "Meikäläinen",
        "photo_id": "131052-308T", "receipt_email": "m@example.fi", "page": 2,
    })  # fmt: skip
    text = json.dumps(event.query, ensure_ascii=False)
    for secret in ("131052", "Maija", "Meikäläinen", "m@example.fi"):
        assert secret not in text
    assert event.query["page"] == 2 and len(event.term_hashes.split()) == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="lanes need SKIP LOCKED")
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_take_parallel_lanes_and_each_lane_verifies() -> None:
    import threading

    together = threading.Barrier(3)

    def append(n: int) -> None:
        try:
            with transaction.atomic():
                record(None, "officer.search", query={"n": n})
                together.wait(timeout=20)  # all three hold a lane at the same time
        finally:
            connection.close()

    trail(1)  # a flushed test database: the lanes' heads are created by the first append
    threads = [threading.Thread(target=append, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    trail(1)
    lanes = AuditEvent.objects.values_list("lane", flat=True)
    first = lanes.order_by("pk").first()
    # The three held their lanes at once, so each wrote to its own lane.
    assert len(set(lanes.exclude(lane=first))) == 3
    assert problems() == []
    other = AuditEvent.objects.exclude(lane=first).order_by("pk").first()
    _untriggered("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [other.pk])
    assert problems() == [f"changed: record lane {other.lane} seq={other.seq} (id {other.pk}): "
                          "content does not match its MAC"]  # fmt: skip
