"""A photo's decisions: record_decision() keeps the history and points the photo at the
latest; the lists read the latest decision in the same query as the photos; retention takes
the decisions and uses with the photo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import (
    DraftPhotoFactory,
    OfficerFactory,
    StudioPhotographerFactory,
    SubmittedPhotoFactory,
)
from factories.photos import decided
from webtools import OUTI, PIA, force_login_officer, force_login_private

from luppa.accounts.models import Account
from luppa.officer.models import Officer
from luppa.photos.models import Decision, Photo, PhotoUse
from luppa.photos.models.photo.actions import DecidedBy, record_decision
from luppa.photos.models.photo.validators import DecisionInput, DecisionRefused
from luppa.photos.services import purge_expired
from luppa.reports.models import PhotoStat

pytestmark = pytest.mark.django_db

HETU = "131052-308T"
POLICE = DecidedBy("Outi Lupavirkailija", "police")


def test_record_decision_keeps_the_history_and_points_at_the_latest() -> None:
    photo = SubmittedPhotoFactory(embed=False)
    first = record_decision(photo, POLICE, DecisionInput("rejected", "passport", ["shadows"]))
    Photo.objects.filter(pk=photo.pk).mark_feedback_seen()
    again = DecisionInput("approved", "passport", change_reason="Varjo ei haittaa.")
    second = record_decision(photo, POLICE, again)

    photo.refresh_from_db()
    assert list(photo.decisions.all()) == [second, first]
    assert photo.latest_decision == second and photo.evaluation == "approved"
    assert photo.feedback_seen_at is None  # the new decision is new feedback
    stat = PhotoStat.objects.get(photo_pk=photo.pk)  # photo_decided reached the statistics
    assert (stat.evaluation, stat.reasons, stat.decided_at) == ("approved", [], second.at)


def test_record_decision_refuses_without_changing_anything() -> None:
    draft = DraftPhotoFactory()
    with pytest.raises(DecisionRefused) as refused:
        record_decision(draft, POLICE, DecisionInput("approved", "passport"))
    assert refused.value.code == "not_submitted"

    photo = SubmittedPhotoFactory(embed=False)
    record_decision(photo, POLICE, DecisionInput("approved", "passport"))
    with pytest.raises(DecisionRefused) as refused:
        record_decision(photo, POLICE, DecisionInput("rejected", "passport", ["shadows"]))
    assert refused.value.code == "change_reason"
    with pytest.raises(DecisionRefused) as refused:
        record_decision(photo, DecidedBy("Mikael Migri", "migri"),
                        DecisionInput("approved", "passport", change_reason="x"))  # fmt: skip
    assert refused.value.code == "permit_type"  # the police's permit, not Migri's
    photo.refresh_from_db()
    assert photo.decisions.count() == 1 and photo.evaluation == "approved"


def _sent_page_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/photos/sent/")
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_sent_list_reads_the_decisions_with_the_photos(client: Client) -> None:
    force_login_private(client, PIA)
    account = Account.objects.get(kind="person")
    photographer = account.photographers.get()

    def decided_photos(count: int) -> None:
        for _ in range(count):
            photo = SubmittedPhotoFactory(photographer=photographer, embed=False)
            decided(photo, "rejected", reasons=["shadows"], message="Varjo")

    decided_photos(2)
    client.get("/photos/sent/")  # marks the feedback seen: the next loads compare alike
    few = _sent_page_queries(client)
    decided_photos(4)
    client.get("/photos/sent/")
    assert _sent_page_queries(client) == few
    html = client.get("/photos/sent/").content.decode()
    assert html.count("Olli Virkailija") == 6 and html.count("Varjo") >= 6


def test_the_officers_results_read_the_decisions_with_the_photos(client: Client) -> None:
    force_login_officer(client, OUTI)
    studio = StudioPhotographerFactory()

    def queries_for_results() -> int:
        location = client.post("/officer/search/", {"by": "hetu", "hetu-hetu": HETU})
        with CaptureQueriesContext(connection) as queries:
            page = client.get(location["Location"])
        assert page.status_code == 200
        return len(queries.captured_queries)

    for _ in range(2):
        decided(SubmittedPhotoFactory(photographer=studio, hetu=HETU, embed=False))
    few = queries_for_results()
    for _ in range(4):
        decided(SubmittedPhotoFactory(photographer=studio, hetu=HETU, embed=False))
    assert queries_for_results() == few


def test_retention_deletes_the_decisions_and_uses_with_the_photo() -> None:
    officer = OfficerFactory()
    old = SubmittedPhotoFactory(embed=False, days_ago=200)
    kept = SubmittedPhotoFactory(embed=False)
    for photo in (old, kept):
        by = DecidedBy(officer.name, officer.organisation, officer_pk=officer.pk)
        record_decision(photo, by, DecisionInput("approved", "passport"))
        PhotoUse.objects.create(photo=photo, application_number=f"A{photo.pk}",
                                permit_type="passport")  # fmt: skip

    assert purge_expired(timezone.now() + dt.timedelta(days=1)) >= 1
    assert not Photo.objects.filter(pk=old.pk).exists()
    # The officer's name on the decision (personal data) goes with the photo.
    assert list(Decision.objects.values_list("photo_id", flat=True)) == [kept.pk]
    assert list(PhotoUse.objects.values_list("photo_id", flat=True)) == [kept.pk]
    assert Officer.objects.filter(pk=officer.pk).exists()


def test_the_decision_queryset_speaks_the_domains_words() -> None:
    """made_by(), newest_first() and for_list(): the officer's front page and the photo page's
    history start from these."""
    outi = OfficerFactory(person=OUTI)
    photo, other = SubmittedPhotoFactory(embed=False), SubmittedPhotoFactory(embed=False)
    now = timezone.now()
    older = decided(photo, "rejected", at=now - dt.timedelta(days=2), reasons=["shadows"])
    newer = decided(other, "approved", at=now - dt.timedelta(days=1))
    from_xroad = decided(photo, "approved", at=now)
    Decision.objects.filter(pk__in=[older.pk, newer.pk]).update(officer=outi)

    mine = Decision.objects.made_by(outi).newest_first()
    assert list(mine) == [newer, older]
    assert list(photo.decisions.newest_first()) == [from_xroad, older]
    # Deciding twice in one instant: the one saved last is the newer.
    same_instant = decided(other, "rejected", at=newer.at, reasons=["shadows"])
    assert list(other.decisions.newest_first()) == [same_instant, newer]
    with CaptureQueriesContext(connection) as queries:
        rows = [(d.outcome, d.photo.photo_id) for d in mine.for_list()]
    assert rows == [("approved", other.photo_id), ("rejected", photo.photo_id)]
    assert len(queries) == 1
    assert "message" not in queries[0]["sql"] and "checks" not in queries[0]["sql"]
