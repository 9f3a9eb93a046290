"""Photos large enough to judge: thumbnails in Sent photos (same access rules and audit as
the photo), the photo with guide lines and zoom on a sent photo, and "send a new photo for
this customer" from a rejected photo."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone
from factories.photos import decided, pop_decision
from PIL import Image
from webtools import PIA, VILLE, force_login_private

from luppa.accounts.models import Account
from luppa.audit.models import AuditEvent
from luppa.core import photo_id
from luppa.photos.models import Photo, PhotoImage

pytestmark = pytest.mark.django_db

HETU = "150375-903K"


@pytest.fixture
def pia(client: Client) -> Client:
    force_login_private(client, PIA)
    return client


def _account(client: Client) -> Account:
    return Account.objects.get(pk=client.session["luppa_account_id"])


def _sent(client: Client, jpeg: bytes, **fields) -> Photo:
    account = _account(client)
    now = timezone.now()
    hetu = fields.pop("hetu", None)
    decision = pop_decision(fields)
    photo = Photo(
        account=account,
        photographer=account.photographers.get(),
        state=Photo.State.SUBMITTED,
        photo_id=photo_id.generate(),
        submitted_at=now - dt.timedelta(hours=2),
        consent_at=now - dt.timedelta(hours=2),
        **fields,
    )
    photo.set_hetu(hetu)
    photo.save()
    if decision:
        decided(photo, **decision)
    PhotoImage.from_bytes(photo, jpeg, 500, 653).save()
    return photo


def test_sent_photos_show_thumbnails_through_the_audited_image_view(pia, framed_biden) -> None:
    photo = _sent(pia, framed_biden.jpeg)
    html = pia.get("/photos/sent/").content.decode()
    thumb_url = f"/photos/{photo.pk}/image.jpg?size=thumb"
    assert thumb_url in html
    response = pia.get(thumb_url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    with Image.open(io.BytesIO(response.content)) as img:
        assert img.size[0] <= 184 and img.size[1] <= 240
    event = AuditEvent.objects.filter(action="photo.image").latest("at")
    assert event.photo_ids == [photo.photo_id] and event.query == {"size": "thumb"}


def test_thumbnail_follows_the_photos_own_visibility_and_owner(pia, framed_biden) -> None:
    old = _sent(
        pia,
        framed_biden.jpeg,
        evaluation="approved",
        evaluated_at=timezone.now() - dt.timedelta(days=8),
    )
    html = pia.get("/photos/sent/").content.decode()
    assert f"/photos/{old.pk}/image.jpg" not in html
    assert pia.get(f"/photos/{old.pk}/image.jpg?size=thumb").status_code == 404
    fresh = _sent(pia, framed_biden.jpeg)
    other = Client()
    force_login_private(other, VILLE)
    assert other.get(f"/photos/{fresh.pk}/image.jpg?size=thumb").status_code == 404


def test_sent_photo_is_shown_at_1_1_with_guide_lines_and_zoom(pia, framed_biden) -> None:
    photo = _sent(pia, framed_biden.jpeg, geometry={"crown_y": 70, "chin_y": 543, "centre_x": 250})
    html = pia.get(f"/photos/sent/{photo.photo_id}/").content.decode()
    assert 'class="guide-lines"' in html and "data-zoom-viewport" in html
    assert 'width="500" height="653"' in html


def test_send_a_new_photo_for_the_customer_of_a_rejected_photo(pia, framed_biden) -> None:
    rejected = _sent(
        pia,
        framed_biden.jpeg,
        first_names="Maija",
        surname="Meikäläinen",
        birth_date=dt.date(1975, 3, 15),
        hetu=HETU,
        evaluation="rejected",
        evaluated_at=timezone.now() - dt.timedelta(hours=1),
    )
    detail = pia.get(f"/photos/sent/{rejected.photo_id}/").content.decode()
    assert "Lähetä uusi kuva tälle asiakkaalle" in detail
    response = pia.post(f"/photos/sent/{rejected.photo_id}/again/")
    # No HETU or name in the URL: only the plain New photo address.
    assert response.status_code == 302 and response["Location"] == "/photos/new/"
    form = pia.get("/photos/new/").content.decode()
    assert 'value="Maija"' in form and 'value="Meikäläinen"' in form and 'value="150375"' in form
    assert HETU not in form  # carried over without being shown
    assert 'name="again_hetu"' in form

    from django.core.files.uploadedfile import SimpleUploadedFile

    pia.post(
        "/photos/new/",
        {
            "first_names": "Maija",
            "surname": "Meikäläinen",
            "birth_date": "150375",
            "again_hetu": "1",
            "consent": "on",
            "photographer": _account(pia).photographers.get().pk,
            "image": SimpleUploadedFile("k.jpg", framed_biden.jpeg, content_type="image/jpeg"),
        },
    )
    draft = Photo.objects.get(state=Photo.State.DRAFT)
    assert draft.hetu_hash == rejected.hetu_hash and draft.first_names == "Maija"
    assert AuditEvent.objects.filter(action="photo.send_again").exists()
    # Used once: the next New photo is empty again.
    assert 'value="Maija"' not in pia.get("/photos/new/").content.decode()


def test_send_again_is_offered_only_for_a_rejected_photo_still_visible(pia, framed_biden) -> None:
    approved = _sent(pia, framed_biden.jpeg, evaluation="approved", evaluated_at=timezone.now())
    old = _sent(
        pia,
        framed_biden.jpeg,
        evaluation="rejected",
        evaluated_at=timezone.now() - dt.timedelta(days=8),
    )
    for photo in (approved, old):
        html = pia.get(f"/photos/sent/{photo.photo_id}/").content.decode()
        assert "Lähetä uusi kuva tälle asiakkaalle" not in html
        assert pia.post(f"/photos/sent/{photo.photo_id}/again/").status_code == 404
    assert pia.get(f"/photos/sent/{approved.photo_id}/again/").status_code == 405
    other = Client()
    force_login_private(other, VILLE)
    assert other.post(f"/photos/sent/{old.photo_id}/again/").status_code == 404
