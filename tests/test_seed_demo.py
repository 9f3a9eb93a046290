"""`make run` seeds demo data: every state, real decisions, and it can run twice."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from luppa.accounts.models import Account
from luppa.photos.models import Photo
from luppa.reports.models import PhotoStat
from luppa.review.models import Decision, StaffMember

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
    assert set(StaffMember.objects.values_list("organisation", "role")) == {
        ("police", "officer"),
        ("migri", "officer"),
        ("police", "admin"),
    }
