"""Receipt messages: queued with the submission, delivered by the worker with retries."""

from __future__ import annotations

import datetime as dt
import json
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from webtools import PIA, force_login_private

from luppa.accounts.models import Account
from luppa.core.photo_id import display
from luppa.outbox import receipts, worker
from luppa.outbox.models import Message
from luppa.photos import services
from luppa.photos.models import Photo

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RecordingSms:
    sent: list[tuple[str, str]] = []

    def send(self, to: str, text: str) -> str:
        self.sent.append((to, text))
        return "id-1"


@pytest.fixture(scope="module")
def report(biden_report):
    return biden_report


@pytest.fixture
def draft(client, framed_biden, report) -> Photo:
    force_login_private(client, PIA)
    account = Account.objects.get()
    account.studio_name = "Pian Kuvaamo"
    account.save()
    return services.create_draft(
        account,
        account.photographers.get(),
        framed_biden.jpeg,
        {"first_names": "Maija", "surname": "Meikäläinen"},
        report=report,
    )


def test_submit_with_both_contacts_queues_two_messages(draft) -> None:
    photo = services.submit(draft, receipt_email="maija@example.fi", receipt_phone="+358401234567")
    email = Message.objects.get(channel=Message.Channel.EMAIL)
    sms = Message.objects.get(channel=Message.Channel.SMS)
    shown = display(photo.photo_id)
    assert email.photo == photo and sms.photo == photo
    assert email.recipient == "maija@example.fi" and sms.recipient == "+358401234567"
    assert shown in email.subject
    assert shown in email.body and "Pian Kuvaamo" in email.body and "Maija" in email.body
    assert "lupapalvelupisteessä" in email.body and "tillståndsservice" in email.body
    # The PDF is rendered when the worker sends the message, not in the submission.
    assert email.attachment is None and email.attachment_name.endswith(".pdf")
    assert shown in sms.body and "Kuvakuitti" in sms.body and "Fotokvitto" in sms.body
    assert len(sms.body) <= 306  # two text-message segments
    assert {email.status, sms.status} == {Message.Status.QUEUED}


def test_no_contact_queues_nothing(draft) -> None:
    services.submit(draft)
    assert not Message.objects.exists()


def test_a_failed_submit_queues_nothing(draft, monkeypatch) -> None:
    real = receipts.render_to_string

    def broken(template, context):
        if "sms" in template:
            raise RuntimeError("template exploded after the e-mail row was made")
        return real(template, context)

    monkeypatch.setattr(receipts, "render_to_string", broken)
    with pytest.raises(RuntimeError):
        services.submit(draft, receipt_email="maija@example.fi", receipt_phone="+358401234567")
    draft.refresh_from_db()
    assert draft.state == Photo.State.DRAFT and draft.photo_id is None
    assert not Message.objects.exists()


def test_a_refused_submit_queues_nothing(draft) -> None:
    services.submit(draft)
    with pytest.raises(services.SubmitRefused):
        services.submit(draft, receipt_email="maija@example.fi")
    assert not Message.objects.exists()


def test_mail_outage_is_retried_and_delivered_later(draft, settings) -> None:
    services.submit(draft, receipt_email="maija@example.fi")
    now = timezone.now()
    settings.EMAIL_BACKEND = "test_outbox.FailingBackend"
    assert worker.deliver_due(now) == {"sent": 0, "retry": 1, "failed": 0}
    message = Message.objects.get()
    assert message.status == Message.Status.QUEUED and message.attempts == 1
    assert message.next_attempt_at == now + dt.timedelta(minutes=1)
    assert "SMTPServerDisconnected" in message.last_error
    # Not yet due: nothing is tried.
    assert worker.deliver_due(now + dt.timedelta(seconds=30))["retry"] == 0

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert worker.deliver_due(now + dt.timedelta(minutes=2))["sent"] == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.sent_at and message.attempts == 2
    assert message.attachment is None
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["maija@example.fi"] and sent.subject == message.subject
    ((_name, content, mimetype),) = sent.attachments
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    # Delivered once only.
    assert worker.deliver_due(now + dt.timedelta(hours=1))["sent"] == 0


def test_backoff_doubles_and_gives_up_after_eight_attempts(draft, settings) -> None:
    services.submit(draft, receipt_email="maija@example.fi")
    settings.EMAIL_BACKEND = "test_outbox.FailingBackend"
    now = timezone.now()
    delays = []
    for _ in range(worker.MAX_ATTEMPTS - 1):
        assert worker.deliver_due(now)["retry"] == 1
        message = Message.objects.get()
        delays.append(message.next_attempt_at - now)
        now = message.next_attempt_at
    assert delays == [dt.timedelta(minutes=2**i) for i in range(7)]
    assert worker.deliver_due(now) == {"sent": 0, "retry": 0, "failed": 1}
    message = Message.objects.get()
    assert message.status == Message.Status.FAILED and message.attempts == 8
    assert worker.deliver_due(now + dt.timedelta(days=1))["failed"] == 0


def test_sms_goes_through_the_gateway(draft, settings) -> None:
    settings.SMS_BACKEND = "test_outbox.RecordingSms"
    RecordingSms.sent = []
    photo = services.submit(draft, receipt_phone="+358401234567")
    assert worker.deliver_due()["sent"] == 1
    ((to, text),) = RecordingSms.sent
    assert to == "+358401234567" and display(photo.photo_id) in text


def test_development_sms_outbox_writes_files(draft, settings, tmp_path) -> None:
    settings.SMS_BACKEND = "luppa.integrations.sms.OutboxSmsGateway"
    settings.SMS_OUTBOX_DIR = tmp_path
    photo = services.submit(draft, receipt_phone="+358401234567")
    worker.deliver_due()
    (file,) = tmp_path.iterdir()
    assert display(photo.photo_id) in json.loads(file.read_text())["text"]


def test_deliver_outbox_command(draft) -> None:
    services.submit(draft, receipt_email="maija@example.fi")
    out = StringIO()
    call_command("deliver_outbox", stdout=out)
    assert "sent 1" in out.getvalue()
    assert Message.objects.get().status == Message.Status.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_message_another_worker_holds_is_skipped_not_waited_for() -> None:
    import threading

    from django.db import connection, connections, transaction

    if not connection.features.has_select_for_update_skip_locked:
        pytest.skip("the database has no SELECT … FOR UPDATE SKIP LOCKED")
    held = Message.objects.create(channel="email", recipient="a@example.fi", body="x")
    free = Message.objects.create(channel="email", recipient="b@example.fi", body="y")
    results = {}

    def other_worker() -> None:
        try:
            results["counts"] = worker.deliver_due()
        finally:
            connections.close_all()

    with transaction.atomic():
        Message.objects.select_for_update().get(pk=held.pk)  # a worker busy sending it
        thread = threading.Thread(target=other_worker)
        thread.start()
        thread.join(timeout=20)
        assert not thread.is_alive(), "the second worker waited for the lock"
    assert results["counts"]["sent"] == 1
    assert Message.objects.get(pk=free.pk).status == Message.Status.SENT
    assert Message.objects.get(pk=held.pk).status == Message.Status.QUEUED


def test_deliver_outbox_loop_stops_when_told(draft, monkeypatch) -> None:
    from luppa.outbox.management.commands import deliver_outbox

    class StopAfterTwoPasses:
        waits = 0

        def wait(self, timeout: float) -> bool:
            StopAfterTwoPasses.waits += 1
            assert timeout == 0.5
            return StopAfterTwoPasses.waits >= 2

    monkeypatch.setattr(deliver_outbox.threading, "Event", StopAfterTwoPasses)
    services.submit(draft, receipt_email="maija@example.fi")
    out = StringIO()
    call_command("deliver_outbox", "--loop", "--interval", "0.5", stdout=out)
    assert StopAfterTwoPasses.waits == 2
    assert out.getvalue().count("sent 1") == 1  # idle passes print nothing
    assert len(mail.outbox) == 1
