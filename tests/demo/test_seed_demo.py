"""`make run` seeds demo data: every state, real decisions, and it can run twice."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from luppa.accounts.models import Account
from luppa.officer.models import Officer
from luppa.photos.models import Decision, Photo
from luppa.reports.models import PhotoStat

pytestmark = pytest.mark.django_db


def test_demo_data_has_every_state_and_runs_twice() -> None:
    call_command("seed_demo")
    call_command("seed_demo")
    company = Account.objects.get(business_id="1234567-1")
    assert company.photographers.count() == 3 and company.studios.count() == 2
    states = set(Photo.objects.values_list("state", "evaluation"))
    assert {("draft", "pending"), ("submitted", "pending"), ("submitted", "approved"),
            ("submitted", "rejected")} <= states  # fmt: skip
    assert Decision.objects.count() == 4
    assert PhotoStat.objects.filter(evaluation="rejected").count() == 2
    assert set(Officer.objects.values_list("organisation", "role")) == {
        ("police", "officer"),
        ("migri", "officer"),
        ("police", "admin"),
    }


def test_demo_data_is_consistent_in_time() -> None:
    """Issue 7, defect 17: nothing evaluated before it was taken or sent, and the receipt
    e-mail's time of photography is the receipt page's."""
    from django.utils import timezone

    from luppa.outbox.models import Message
    from luppa.photos.receipt import local_time_text

    call_command("seed_demo")
    now = timezone.now()
    for photo in Photo.objects.filter(state="submitted"):
        assert photo.taken_at <= photo.submitted_at <= now
        if photo.latest_decision:
            assert photo.submitted_at < photo.latest_decision.at <= now, photo.pk
            assert Decision.objects.get(photo=photo) == photo.latest_decision
    for message in Message.objects.filter(channel="email").select_related("photo"):
        assert local_time_text(message.photo.taken_at) in message.body, message.body
