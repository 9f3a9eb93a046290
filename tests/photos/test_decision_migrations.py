"""The move from decision columns copied onto the photo to Photo.latest_decision (photos
0007-0010, review 0005), backwards to the old schema and forwards again, on whichever
database the suite runs (SQLite, or PostgreSQL with DATABASE_URL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from factories import SubmittedPhotoFactory

from luppa.photos.models import Decision, Photo
from luppa.photos.models.photo.actions import DecidedBy, record_decision
from luppa.photos.models.photo.validators import DecisionInput

OLD = [("photos", "0006_encrypted_officer_names"), ("review", "0004_encrypted_officer_names")]


def _migrate(targets: list[tuple[str, str]] | None = None):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.mark.django_db(transaction=True)
def test_decisions_survive_the_migrations_both_ways() -> None:
    police = DecidedBy("Outi Lupavirkailija", "police")
    twice = SubmittedPhotoFactory(embed=False)
    record_decision(twice, police, DecisionInput("rejected", "passport", ["shadows"], "Varjo"))
    latest = record_decision(
        twice, police, DecisionInput("approved", "passport", change_reason="Kelpaa sittenkin.")
    )
    pending = SubmittedPhotoFactory(embed=False)
    orphan = SubmittedPhotoFactory(embed=False)
    decided_long_ago = timezone.now() - dt.timedelta(days=3)

    try:
        old_apps = _migrate(OLD)
        OldPhoto = old_apps.get_model("photos", "Photo")
        # Backwards, the photo's copied columns are filled from its latest decision.
        old_twice = OldPhoto.objects.get(pk=twice.pk)
        assert (old_twice.evaluation, old_twice.evaluated_at) == ("approved", latest.at)
        assert old_twice.officer_name == "Outi Lupavirkailija"
        assert (old_twice.rejection_reasons, old_twice.officer_message) == ([], "")
        # A photo decided before decisions were kept: columns but no Decision row.
        old_orphan = OldPhoto.objects.get(pk=orphan.pk)
        old_orphan.evaluation = "rejected"
        old_orphan.evaluated_at = decided_long_ago
        old_orphan.officer_name = "Vanha Virkailija"
        old_orphan.rejection_reasons = ["background"]
        old_orphan.officer_message = "Tausta"
        old_orphan.save()
    finally:
        _migrate()

    twice.refresh_from_db()
    assert twice.latest_decision == latest and twice.decisions.count() == 2
    assert Photo.objects.get(pk=pending.pk).latest_decision is None
    made = Photo.objects.get(pk=orphan.pk).latest_decision
    assert (made.outcome, made.at, made.officer_name) == (
        "rejected",
        decided_long_ago,
        "Vanha Virkailija",
    )
    assert (made.reasons, made.message, made.officer_id) == (["background"], "Tausta", None)
    assert Decision.objects.count() == 3
