"""Background work on Django's tasks framework: receipt delivery and the periodic jobs.

The last test runs two real `luppa worker` processes against one database and shows that
each periodic job runs once per period however many workers look at the schedule.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from luppa.accounts.models import Account, Photographer
from luppa.audit.models import AuditEvent
from luppa.jobs import schedule
from luppa.jobs.models import PeriodicRun
from luppa.outbox import worker
from luppa.outbox.models import Message
from luppa.photos import services
from luppa.photos.models import Photo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("worker_keeps_test_connection")]

DELIVER = "luppa.outbox.tasks.deliver_message"


@pytest.fixture
def submitted(framed_biden) -> Photo:
    account = Account.objects.create(
        kind="company", name="Kuvaamo Oy", business_id="1234567-1", studio_name="Kuvaamo"
    )
    photographer = Photographer.objects.create(account=account, name="Maija Kuvaaja")
    draft = services.create_draft(account, photographer, framed_biden.jpeg, {})
    return services.submit(draft, receipt_email="asiakas@example.fi", receipt_phone="")


def run_worker() -> None:
    call_command("worker", "--batch", "--no-schedule", "--interval", "0")


# --- receipt delivery ----------------------------------------------------------------------------


def test_a_receipt_task_is_queued_with_the_submission_and_delivered_once(submitted):
    message = Message.objects.get(photo=submitted)
    tasks = DBTaskResult.objects.filter(task_path=DELIVER)
    assert [t.args_kwargs["args"] for t in tasks] == [[message.pk]]
    run_worker()
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    # A duplicate task (or the periodic sweep) finds it sent and sends nothing.
    assert worker.deliver_one(message.pk) == "skipped"
    assert worker.deliver_due()["sent"] == 0
    run_worker()
    assert len(mail.outbox) == 1


def test_a_refused_submission_queues_no_task(framed_biden):
    account = Account.objects.create(
        kind="company", name="Toinen Oy", business_id="7654321-8", suspended_at=timezone.now()
    )
    photographer = Photographer.objects.create(account=account, name="Pia")
    draft = services.create_draft(account, photographer, framed_biden.jpeg, {})
    with pytest.raises(services.SubmitRefused):
        services.submit(draft, receipt_email="asiakas@example.fi")
    assert not DBTaskResult.objects.exists() and not Message.objects.exists()


def test_a_failed_delivery_is_retried_later_by_its_own_task(submitted, monkeypatch):
    def down(message):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(worker, "_send", down)
    run_worker()
    message = Message.objects.get(photo=submitted)
    assert message.status == Message.Status.QUEUED and message.attempts == 1
    retry = DBTaskResult.objects.filter(task_path=DELIVER, status="READY").get()
    assert retry.run_after == message.next_attempt_at
    assert message.next_attempt_at - timezone.now() > dt.timedelta(seconds=50)
    # Not due yet: the worker leaves it alone.
    run_worker()
    assert Message.objects.get(pk=message.pk).attempts == 1


def test_an_hour_long_outage_loses_nothing(submitted, monkeypatch):
    """Eight tries 1, 2, 4 … 64 minutes apart span over two hours."""
    waits = sum((worker.backoff(n) for n in range(1, worker.MAX_ATTEMPTS)), dt.timedelta())
    assert waits > dt.timedelta(hours=2)


# --- periodic jobs ------------------------------------------------------------------------------


def test_each_periodic_job_is_scheduled_once_per_period():
    # Noon UTC: an hour later is the same day whenever the suite runs (at 23:xx UTC it was not).
    now = timezone.now().astimezone(dt.UTC).replace(hour=12, minute=0)
    first = schedule.tick(now, worker="a")
    assert set(first) == {job.name for job in schedule.JOBS}
    assert schedule.tick(now, worker="b") == []
    assert PeriodicRun.objects.count() == len(schedule.JOBS)
    later = schedule.tick(now + dt.timedelta(hours=1, minutes=1), worker="b")
    assert "purge_stale_drafts" in later and "purge_retention" not in later


def test_periodic_jobs_delete_what_is_due_and_log_their_counts(submitted, caplog):
    old = timezone.now() - dt.timedelta(days=5 * 366 + 1)
    AuditEvent.objects.create(action="old", at=old)
    AuditEvent.objects.create(action="new")
    Photo.objects.filter(pk=submitted.pk).update(
        submitted_at=timezone.now() - dt.timedelta(days=200)
    )
    schedule.tick(worker="a")
    with caplog.at_level("INFO", logger="luppa.jobs.tasks"):
        call_command("worker", "--batch", "--no-schedule", "--interval", "0")
    assert not Photo.objects.filter(pk=submitted.pk).exists()
    kept = AuditEvent.objects.filter(action__in=["old", "new"]).values_list("action", flat=True)
    assert list(kept) == ["new"]
    counts = {r.job: r.deleted for r in caplog.records if hasattr(r, "deleted")}
    assert counts["purge_retention"] >= 1 and counts["purge_audit"] == 1
    # Every job, whatever it did, leaves one line with its counts.
    done = {
        r.job: r
        for r in caplog.records
        if hasattr(r, "job") and r.getMessage() == f"job {r.job} done"
    }
    assert sorted(done) == sorted(job.name for job in schedule.JOBS)
    assert all(
        any(isinstance(getattr(r, k, None), int) for k in ("deleted", "sent", "stored"))
        for r in done.values()
    )


# --- two workers, one database ------------------------------------------------------------------


def _env(var: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LUPPA_", "DATABASE_URL"))}
    return {
        **base,
        "LUPPA_VAR_DIR": str(var),
        "LUPPA_LOG_LEVEL": "INFO",
        "LUPPA_LOG_FORMAT": "json",
    }


def test_two_workers_run_each_periodic_job_once(tmp_path_factory, migrated_var):
    # A migrated database of its own on a RAM disk (SQLite's writes are fsync-bound otherwise).
    root = Path("/dev/shm") if Path("/dev/shm").is_dir() else tmp_path_factory.mktemp("jobs")
    var = migrated_var(root / f"luppa-jobs-{uuid.uuid4().hex}")
    try:
        _two_workers(var)
    finally:
        shutil.rmtree(var, ignore_errors=True)


def _two_workers(var: Path) -> None:
    env = _env(var)
    luppa = [sys.executable, "-m", "luppa.cli"]
    workers = [
        subprocess.Popen(
            [
                *luppa,
                "worker",
                "--interval",
                "0.1",
                "--schedule-interval",
                "0.2",
                "--worker-id",
                f"w{n}",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n in (1, 2)
    ]
    database = var / "luppa.sqlite3"

    def counts() -> tuple[int, int]:
        """(periodic runs recorded, tasks finished)."""
        with sqlite3.connect(database, timeout=5) as db:
            runs = db.execute("SELECT count(*) FROM jobs_periodicrun").fetchone()[0]
            done = db.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                "WHERE status = 'SUCCESSFUL'"
            ).fetchone()[0]
        return runs, done

    def wait_until_all_done(deadline: float) -> None:
        while time.monotonic() < deadline:
            time.sleep(0.2)
            runs, done = counts()
            if done >= len(schedule.JOBS) and done == runs:
                return

    try:
        deadline = time.monotonic() + 60
        wait_until_all_done(deadline)
        time.sleep(1)  # both keep ticking the schedule (every 0.2 s) several more times
        # A minute may have turned meanwhile (a job runs every minute): let that run finish.
        wait_until_all_done(deadline)
    finally:
        for process in workers:
            process.send_signal(signal.SIGTERM)
        logs = [process.communicate(timeout=30)[0] for process in workers]
    with sqlite3.connect(database) as db:
        runs = db.execute("SELECT job, period FROM jobs_periodicrun").fetchall()
        results = db.execute(
            "SELECT task_path, status, worker_ids FROM django_tasks_database_dbtaskresult"
        ).fetchall()
    # Every job ran, once per period however many workers tick: one run and one task each
    # (a job whose period turned during the test, such as every minute, may have two).
    assert {job for job, _ in runs} == {job.name for job in schedule.JOBS}
    assert len(set(runs)) == len(runs)
    assert len(results) == len(runs)  # one task per run, not one per worker
    assert {status for _, status, _ in results} == {"SUCCESSFUL"}
    # Each run was logged once, with its counts.
    lines = [json.loads(line) for log in logs for line in log.splitlines() if line.startswith("{")]
    finished = {line.get("job") for line in lines if str(line.get("event", "")).endswith("done")}
    assert finished == {job.name for job in schedule.JOBS}
    done_lines = [line for line in lines if str(line.get("event", "")).endswith(" done")]
    assert len(done_lines) == len(runs)
    assert all(line.get("task_id") and line.get("task") for line in done_lines)
