"""Killing the service in the middle of a submission leaves no half-stored photo, no receipt
message without a photo, and no gap in the audit trail: the submission, its messages, its
statistics row and its audit record commit together or not at all.

The submission runs in a separate process on a database file; the process is killed with
SIGKILL (no clean-up of any kind) at the last moment before the commit, when the photo ID,
the receipt messages and the audit record have all been written.

The child starts from a copy of a migrated database and is handed the photo's check report
(pickled): the face models are not what this test is about, and loading them in the child
cost more than the rest of the test.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

SETUP = """
import os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "luppa.settings"
import django
django.setup()
from django.core.management import call_command
"""

CHILD = (
    SETUP
    + """
import pickle
from django.utils import timezone
from luppa.accounts.models import Account, Photographer, User
from luppa.photos import services

user = User.objects.create(username="u1", full_name="Pia")
account = Account.objects.create(kind="person", owner=user, name="Pia", studio_name="P")
photographer = Photographer.objects.create(account=account, name="Pia")
report = pickle.loads(open(sys.argv[2], "rb").read())
draft = services.create_draft(account, photographer, open(sys.argv[1], "rb").read(),
                              {"first_names": "Heikki", "hetu": "131052-308T"}, report=report)
real_record = services.record

def record_then_stall(request, action, *args, **kwargs):
    event = real_record(request, action, *args, **kwargs)
    if action == "photo.submit":
        print("INSIDE", flush=True)  # everything written, nothing committed
        time.sleep(120)
    return event

services.record = record_then_stall
services.submit(draft, receipt_email="heikki@example.fi", receipt_phone="+358401234567")
print("COMMITTED", flush=True)
"""
)

CHECK = (
    SETUP
    + """
import json
from luppa.audit.chain import verify
from luppa.audit.models import AuditEvent
from luppa.outbox.models import Message
from luppa.photos.models import Photo
from luppa.reports.models import PhotoStat
photo = Photo.objects.get()
print(json.dumps({
    "state": photo.state, "photo_id": photo.photo_id, "messages": Message.objects.count(),
    "stats": PhotoStat.objects.count(),
    "actions": list(AuditEvent.objects.order_by("seq").values_list("action", flat=True)),
    "problems": [str(p) for p in verify()],
}))
"""
)


def test_a_killed_submission_leaves_nothing_half_done(
    tmp_path, framed_biden, biden_report, migrated_var
) -> None:
    image = tmp_path / "photo.jpg"
    image.write_bytes(framed_biden.jpeg)
    report = tmp_path / "report.pickle"
    report.write_bytes(pickle.dumps(biden_report))
    migrated_var(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'luppa.sqlite3'}",
        "LUPPA_VAR_DIR": str(tmp_path),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(CHILD), str(image), str(report)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = child.stdout.readline()
        assert line.strip() == "INSIDE", child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    checked = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHECK)],
        env=env, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    after = json.loads(checked.stdout.strip().splitlines()[-1])
    # The draft is intact and can be submitted again; nothing of the submission remains.
    assert after["state"] == "draft" and after["photo_id"] is None
    assert after["messages"] == 0 and after["stats"] == 0
    assert after["actions"] == ["photo.upload"]
    assert after["problems"] == []
