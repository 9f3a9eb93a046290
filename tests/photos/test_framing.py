"""Framing in the browser: a camera original becomes the 500×653 crop of `luppa frame`."""

from __future__ import annotations

import io
import re

import cv2
import numpy as np
import pytest
from django.test import Client
from imagetools import BIDEN, HEIGHT, TWO_PEOPLE, WIDTH, encode
from PIL import Image
from webtools import PIA, force_login_private

from luppa.accounts.models import Account
from luppa.photos.models import Photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def pia(client: Client) -> Client:
    force_login_private(client, PIA)
    return client


def _fields(client: Client, data: bytes, name: str = "original.jpg") -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    account = Account.objects.get(pk=client.session["luppa_account_id"])
    return {
        "consent": "on",
        "photographer": account.photographers.get().pk,
        "image": SimpleUploadedFile(name, data, content_type="image/jpeg"),
    }


def test_camera_original_is_framed_with_the_same_code_as_luppa_frame(pia, framed_biden) -> None:
    response = pia.post("/photos/new/", _fields(pia, BIDEN.read_bytes()))
    photo = Photo.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/photos/draft/{photo.pk}/framed/"
    stored = photo.image.data()
    # Byte for byte what `luppa frame` makes of the same original: no second implementation.
    assert stored == framed_biden.jpeg
    assert (photo.image.width, photo.image.height) == (WIDTH, HEIGHT)
    assert {c["id"]: c["status"] for c in photo.checks}["format.dimensions"] == "pass"

    page = pia.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Tarkista rajaus" in html and 'class="guide-lines"' in html
    assert f'href="/photos/draft/{photo.pk}/"' in html  # accept
    assert f'href="/photos/draft/{photo.pk}/replace/"' in html  # replace


def test_a_large_original_over_250_kb_is_accepted_for_framing(pia) -> None:
    big = Image.open(BIDEN).resize((2121, 2010), Image.Resampling.LANCZOS)
    data = encode(big, quality=98)
    assert len(data) > 250_000
    response = pia.post("/photos/new/", _fields(pia, data))
    assert response.status_code == 302, response.content.decode()[:3000]
    photo = Photo.objects.get()
    assert photo.image.byte_size <= 250_000 and photo.image.width == WIDTH


def _small_face() -> Image.Image:
    """The portrait at half size in the middle of a larger canvas of its own edge pixels."""
    original = np.asarray(Image.open(BIDEN).convert("RGB"))
    half = cv2.resize(original, (original.shape[1] // 2, original.shape[0] // 2))
    return Image.fromarray(cv2.copyMakeBorder(half, 300, 300, 300, 300, cv2.BORDER_REPLICATE))


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: encode(Image.new("RGB", (1200, 1600), (128, 128, 128))), "kasvoja"),
        (lambda: TWO_PEOPLE.read_bytes(), r"\d kasvot"),
        # The quality package says "resolution too low" or "face too small" (both refusals).
        (lambda: encode(_small_face()), "(Resoluutio on liian pieni|liian pienet rajattaviksi)"),
    ],
    ids=["no_face", "two_faces", "face_too_small"],
)
def test_refusals_are_shown_with_their_reason_and_store_nothing(pia, make, reason) -> None:
    response = pia.post("/photos/new/", _fields(pia, make()))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kuvaa ei voitu rajata" in html and re.search(reason, html)
    assert Photo.objects.count() == 0


def test_too_little_room_is_refused_with_the_sides(pia) -> None:
    # The head cut hard at the top: nothing above the crown to frame into.
    original = Image.open(BIDEN)
    tight = original.crop((0, 150, original.width, original.height)).resize((1400, 1040))
    response = pia.post("/photos/new/", _fields(pia, encode(tight)))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kuvaa ei voitu rajata" in html
    assert Photo.objects.count() == 0


def test_a_finished_photo_is_taken_as_it_is(pia, framed_biden) -> None:
    response = pia.post("/photos/new/", _fields(pia, framed_biden.jpeg))
    photo = Photo.objects.get()
    assert response["Location"] == f"/photos/draft/{photo.pk}/"
    assert photo.image.data() == framed_biden.jpeg


def test_replacing_with_a_camera_original_frames_it(pia, framed_biden) -> None:
    small = io.BytesIO()
    Image.open(io.BytesIO(framed_biden.jpeg)).save(small, "JPEG", quality=80)
    pia.post("/photos/new/", _fields(pia, small.getvalue()))
    photo = Photo.objects.get()
    response = pia.post(
        f"/photos/draft/{photo.pk}/replace/", {"image": _fields(pia, BIDEN.read_bytes())["image"]}
    )
    assert response["Location"] == f"/photos/draft/{photo.pk}/framed/"
    photo.refresh_from_db()
    assert photo.image.data() == framed_biden.jpeg


def test_another_accounts_draft_has_no_framed_page(pia, framed_biden) -> None:
    pia.post("/photos/new/", _fields(pia, BIDEN.read_bytes()))
    photo = Photo.objects.get()
    other = Client()
    force_login_private(other, 3)  # Ville: an account of his own
    assert other.get(f"/photos/draft/{photo.pk}/framed/").status_code == 404


def test_a_camera_original_over_25_megapixels_is_refused_from_the_header(pia) -> None:
    from PIL import ImageFile

    decoded = []
    original = ImageFile.ImageFile.load

    def spy(self):
        decoded.append(self.size)
        return original(self)

    ImageFile.ImageFile.load = spy
    try:
        big = encode(Image.new("L", (6200, 4200)), quality=75)  # 26 Mpx of grey, ~0.1 MB
        response = pia.post("/photos/new/", _fields(pia, big))
    finally:
        ImageFile.ImageFile.load = original
    html = response.content.decode()
    assert response.status_code == 400 and "6200×4200" in html and "25 megapikseliä" in html
    assert [size for size in decoded if size[0] * size[1] > 4_000_000] == []
    assert Photo.objects.count() == 0
