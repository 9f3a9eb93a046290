"""The officer's face comparison: verdicts on the photo page, the possible-duplicate-identity
warning (audited), and the embedding's life: computed by a background task queued with the
submission (or by the officer's page if it comes first), encrypted, deleted with the photo."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from factories import DraftPhotoFactory, StudioPhotographerFactory, SubmittedPhotoFactory
from imagetools import FIXTURES, HEIGHT, WIDTH, encode
from PIL import Image
from webtools import OUTI, force_login_officer

from luppa import faces
from luppa.audit.models import AuditEvent
from luppa.officer import similarity
from luppa.photos import services
from luppa.photos.models import Photo, PhotoEmbedding
from luppa.quality import assess

pytestmark = pytest.mark.django_db

HETU = "131052-308T"
OTHER_HETU = "010170-960F"
THIRD_HETU = "311280-999J"


def in_frame(path) -> bytes:
    """A 500x653 JPEG with the (small) fixture photo scaled into it: enough to submit."""
    canvas = Image.new("RGB", (WIDTH, HEIGHT), (235, 235, 235))
    face = Image.open(path).convert("RGB")
    face.thumbnail((WIDTH, HEIGHT))
    canvas.paste(face, ((WIDTH - face.width) // 2, (HEIGHT - face.height) // 2))
    return encode(canvas)


@pytest.fixture(scope="module")
def jpegs(framed_photos) -> dict[str, bytes]:
    return {
        "obama": framed_photos["obama"].jpeg,
        "biden": framed_photos["biden"].jpeg,
        "obama3": in_frame(FIXTURES / "obama3.jpg"),
        "nobody": encode(Image.new("RGB", (WIDTH, HEIGHT), (128, 128, 128))),
    }


@pytest.fixture(scope="module")
def reports(jpegs):
    return {name: assess(data, "upload.jpg") for name, data in jpegs.items()}


@pytest.fixture
def submit(jpegs, reports):
    studio = StudioPhotographerFactory()

    def submit(
        name: str, hetu: str | None = HETU, days_ago: float = 0, concerns: bool = False
    ) -> Photo:
        """A submitted photo. The press photos behind the fixtures fail the decree's strict
        pose check (a few degrees of tilt), which would make every verdict "cannot compare";
        unless `concerns`, the photo is treated as one that passed."""
        person = {"hetu": hetu} if hetu else {}
        if name == "nobody":
            # No face blocks submission (issue 7). What is tested here is a photo whose
            # checks passed but whose face the embedding cannot use: submitting must not
            # depend on the embedding. A blank image with a passed face check stands for it.
            draft = DraftPhotoFactory(
                photographer=studio, jpeg=jpegs[name], report=reports[name], **person
            )
            draft.checks = [
                {**c, "status": "pass"} if c["id"] == "face.single" else c for c in draft.checks
            ]
            draft.save(update_fields=["checks"])
            return services.submit(draft)
        photo = SubmittedPhotoFactory(
            photographer=studio, jpeg=jpegs[name], report=reports[name], days_ago=days_ago, **person
        )
        if not concerns:
            PhotoEmbedding.objects.filter(photo=photo).update(concerns=[])
        return photo

    return submit


@pytest.fixture
def officer(client: Client):
    return force_login_officer(client, OUTI)


def page(client: Client, photo: Photo, compare: Photo | None = None) -> str:
    query = f"?compare={compare.photo_id}" if compare else ""
    response = client.get(f"/officer/photos/{photo.photo_id}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, start: str, end: str = "</section>") -> str:
    i = html.index(start)
    return html[i : html.index(end, i)]


# --- the embedding's life ---------------------------------------------------------------------


def test_submission_stores_the_embedding_encrypted(submit) -> None:
    photo = submit("obama")
    stored = PhotoEmbedding.objects.get(photo=photo)
    vector = stored.vector()
    assert abs(float(np.linalg.norm(vector)) - 1) < 1e-4
    assert stored.model_version == faces.MODEL_VERSION
    raw = faces.to_bytes(vector)
    assert raw[:16] not in bytes(stored.ciphertext)  # not stored in the clear


def test_failed_pose_check_is_recorded_with_the_embedding(submit) -> None:
    photo = submit("obama3", concerns=True)  # head tilted down 22 degrees
    assert PhotoEmbedding.objects.get(photo=photo).concerns == ["pose.straight"]


def test_no_usable_face_gives_no_embedding(jpegs, reports) -> None:
    studio = StudioPhotographerFactory()
    draft = services.create_draft(studio.account, studio, jpegs["nobody"], {}, reports["nobody"])
    assert services.face_embedding(draft) is None  # and submitting refuses it (face.single)


def test_a_draft_has_no_embedding(jpegs, reports) -> None:
    studio = StudioPhotographerFactory()
    draft = services.create_draft(studio.account, studio, jpegs["obama"], {}, reports["obama"])
    assert not PhotoEmbedding.objects.filter(photo=draft).exists()


def test_retention_deletes_the_embedding_with_the_photo(submit) -> None:
    old = submit("obama", days_ago=200)
    kept = submit("biden")
    services.purge_expired(timezone.now() + dt.timedelta(seconds=1))
    assert not PhotoEmbedding.objects.filter(photo_id=old.pk).exists()
    assert PhotoEmbedding.objects.filter(photo=kept).exists()


# --- verdicts on the photo page -----------------------------------------------------------------


def test_same_hetu_earlier_photos_get_plain_verdicts(client, officer, submit) -> None:
    earlier_same = submit("obama3", days_ago=30)
    earlier_other = submit("biden", days_ago=20)
    photo = submit("obama")
    html = section(page(client, photo), 'aria-labelledby="similarity-title"')
    rows = {r.split('">')[0]: r for r in html.split('<a href="?compare=')[1:]}
    assert "sama henkilö" in rows[earlier_same.photo_id]
    assert "todennäköisesti eri henkilö" in rows[earlier_other.photo_id]
    assert "Näytä pistemäärä" in html  # the score only on demand


def test_side_by_side_comparison_gets_a_verdict(client, officer, submit) -> None:
    earlier = submit("obama3", days_ago=30)
    photo = submit("obama")
    html = page(client, photo, compare=earlier)
    assert 'class="compare-verdict"' in html
    verdict = section(html, 'class="compare-verdict"', "</p>")
    assert "sama henkilö" in verdict


def test_failed_pose_check_means_cannot_compare(client, officer, submit) -> None:
    submit("obama3", days_ago=30, concerns=True)
    photo = submit("obama")
    html = section(page(client, photo), 'aria-labelledby="similarity-title"')
    assert "ei voida verrata" in html
    assert "pää ei ole suoraan kameraan päin" in html


def test_photo_without_an_embedding_says_it_cannot_be_compared(
    client, officer, submit, monkeypatch
) -> None:
    submit("obama", days_ago=10)
    photo = submit("obama")
    PhotoEmbedding.objects.filter(photo=photo).delete()
    monkeypatch.setattr(services, "face_embedding", lambda photo: None)  # no usable face
    html = page(client, photo)
    assert "Kuvasta ei löytynyt vertailukelpoisia kasvoja" in html


def test_swedish_verdicts(client, officer, submit) -> None:
    submit("obama3", days_ago=30)
    photo = submit("obama")
    client.cookies["django_language"] = "sv"
    response = client.get(f"/officer/photos/{photo.photo_id}/", HTTP_ACCEPT_LANGUAGE="sv")
    assert "samma person" in response.content.decode()


# --- possible duplicate identity ---------------------------------------------------------------


def test_same_face_under_another_hetu_warns_and_is_audited(client, officer, submit) -> None:
    elsewhere = submit("obama3", hetu=OTHER_HETU, days_ago=40)
    photo = submit("obama")
    html = page(client, photo)
    warning = section(html, 'aria-labelledby="duplicate-title"')
    assert "Mahdollinen kaksoisidentiteetti" in warning
    assert f"?compare={elsewhere.photo_id}" in warning
    assert "Varoitus ei ratkaise mitään" in warning
    event = AuditEvent.objects.get(action="officer.duplicate_warning")
    assert event.photo_ids == [photo.photo_id, elsewhere.photo_id]
    assert event.query["kind"] == "hetu"
    # The officer can put the matching photo side by side, with a verdict.
    html = page(client, photo, compare=elsewhere)
    assert "sama henkilö" in section(html, 'class="compare-verdict"', "</p>")
    assert photo.evaluation == Photo.Evaluation.PENDING  # nothing was decided


def test_no_warning_for_a_different_face_or_the_same_hetu(client, officer, submit) -> None:
    submit("biden", hetu=OTHER_HETU, days_ago=40)
    submit("obama3", hetu=HETU, days_ago=30)
    photo = submit("obama")
    assert "Mahdollinen kaksoisidentiteetti" not in page(client, photo)
    assert not AuditEvent.objects.filter(action="officer.duplicate_warning").exists()


def test_photo_without_hetu_matching_several_people_warns(client, officer, submit) -> None:
    submit("obama3", hetu=OTHER_HETU, days_ago=40)
    submit("obama3", hetu=THIRD_HETU, days_ago=35)
    photo = submit("obama", hetu=None)
    html = page(client, photo)
    assert "usean eri henkilötunnuksen" in section(html, 'aria-labelledby="duplicate-title"')
    assert AuditEvent.objects.get(action="officer.duplicate_warning").query["kind"] == "several"


def test_a_match_with_a_failed_pose_check_is_marked_uncertain(client, officer, submit) -> None:
    submit("obama3", hetu=OTHER_HETU, days_ago=40, concerns=True)
    photo = submit("obama")
    warning = section(page(client, photo), 'aria-labelledby="duplicate-title"')
    assert "epävarma vertailu: pää ei ole suoraan kameraan päin" in warning


def test_photo_without_hetu_matching_one_person_does_not_warn(client, officer, submit) -> None:
    submit("obama3", hetu=OTHER_HETU, days_ago=40)
    photo = submit("obama", hetu=None)
    assert "Mahdollinen kaksoisidentiteetti" not in page(client, photo)


def test_deleted_photos_leave_the_gallery(client, officer, submit) -> None:
    elsewhere = submit("obama3", hetu=OTHER_HETU, days_ago=40)
    photo = submit("obama")
    assert "Mahdollinen kaksoisidentiteetti" in page(client, photo)
    elsewhere.delete()
    assert "Mahdollinen kaksoisidentiteetti" not in page(client, photo)


@pytest.mark.usefixtures("worker_keeps_test_connection")
def test_the_embedding_is_computed_by_a_background_task_not_the_request(jpegs, reports) -> None:
    studio = StudioPhotographerFactory()
    photo = SubmittedPhotoFactory(
        photographer=studio, jpeg=jpegs["obama"], report=reports["obama"], hetu=HETU, embed=False
    )
    assert not PhotoEmbedding.objects.filter(photo=photo).exists()
    task = DBTaskResult.objects.get(task_path="luppa.photos.services.embed_photo")
    assert task.args_kwargs["args"] == [photo.pk]
    call_command("worker", "--batch", "--no-schedule", "--interval", "0")
    assert PhotoEmbedding.objects.get(photo=photo).model_version == faces.MODEL_VERSION


def test_the_duplicate_warning_does_not_wait_for_the_worker(
    client, officer, jpegs, reports
) -> None:
    """Submitted a moment ago, no task run yet: the officer's page embeds what it needs
    (the photo and the backlog) and still warns."""
    studio = StudioPhotographerFactory()
    SubmittedPhotoFactory(
        photographer=studio,
        jpeg=jpegs["obama"],
        report=reports["obama"],
        hetu=OTHER_HETU,
        days_ago=40,
        embed=False,
    )
    photo = SubmittedPhotoFactory(
        photographer=studio, jpeg=jpegs["obama"], report=reports["obama"], hetu=HETU, embed=False
    )
    assert not PhotoEmbedding.objects.exists()
    html = page(client, photo)
    assert PhotoEmbedding.objects.count() == 2
    assert 'class="duplicate-warning"' in html


def test_the_worker_and_a_page_embedding_one_photo_at_once_both_succeed(
    jpegs, reports, monkeypatch
) -> None:
    """The load benchmark found this race as a 500 on the officer's page: the other
    process's row arrives between our delete and our insert."""
    studio = StudioPhotographerFactory()
    photo = SubmittedPhotoFactory(
        photographer=studio, jpeg=jpegs["obama"], report=reports["obama"], hetu=HETU, embed=False
    )
    real = services.face_embedding

    def raced(target):
        ours, theirs = real(target), real(target)
        insert = ours.save

        def save(*args, **kwargs):
            theirs.save()  # in production another transaction, committed just now
            insert(*args, **kwargs)

        ours.save = save
        return ours

    monkeypatch.setattr(services, "face_embedding", raced)
    assert services.store_embedding(photo) is True  # no IntegrityError reaches the page


def test_missing_embeddings_are_computed_afterwards(submit) -> None:
    photo = submit("obama")
    other = submit("biden")
    PhotoEmbedding.objects.all().delete()  # as before face comparison was deployed
    from django.core.management import call_command

    call_command("embed_faces")
    assert PhotoEmbedding.objects.filter(photo__in=[photo, other]).count() == 2
    PhotoEmbedding.objects.filter(photo=photo).update(model_version="an-older-model")
    assert services.embed_missing() == (1, 0)
    assert PhotoEmbedding.objects.get(photo=photo).model_version == faces.MODEL_VERSION


@pytest.mark.parametrize("value", ["nonsense", "%00", "x" * 500, "ÄÖ"])
def test_a_bad_compare_parameter_shows_the_page_without_comparison(
    client, officer, submit, value
) -> None:
    photo = submit("obama")
    response = client.get(f"/officer/photos/{photo.photo_id}/?compare={value}")
    assert response.status_code == 200
    assert 'class="compare-verdict"' not in response.content.decode()


def test_an_unreadable_embedding_means_cannot_compare(client, officer, submit) -> None:
    earlier = submit("obama3", days_ago=30)
    photo = submit("obama")
    PhotoEmbedding.objects.filter(photo=earlier).update(ciphertext=b"gAAAAA-not-a-token")
    html = section(page(client, photo), 'aria-labelledby="similarity-title"')
    assert "ei voida verrata" in html


def test_a_failing_gallery_does_not_cost_the_page(client, officer, submit, monkeypatch) -> None:
    submit("obama3", hetu=OTHER_HETU, days_ago=40)
    photo = submit("obama")

    def broken(vector):
        raise RuntimeError("no index")

    monkeypatch.setattr(similarity.GALLERY, "search", broken)
    html = page(client, photo)
    assert "Mahdollinen kaksoisidentiteetti" not in html
    assert "Kasvojen vertailu" in html
