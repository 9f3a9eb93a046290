"""Small files that claim huge images: refused from the header, never decoded.

An outside probe found that a 233 kB 7745×7745 PNG of zeros took a worker from 252 MB to
2.1 GB, and a 232 kB 7700×7700 greyscale JPEG was stored as a draft. The assertion that
catches the blow-up is "no pixel of it is ever decoded" (Pillow's `load()` is not called for
it), which is exact where a memory measurement inside the test process would be noisy.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile
from rest_framework.test import APIClient
from webtools import PIA, force_login_private

from luppa.accounts.models import Account, ApiKey, Photographer
from luppa.photos.models import Photo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def zero_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (7745, 7745)).save(buffer, "PNG", optimize=False, compress_level=9)
    assert len(buffer.getvalue()) < 300_000
    return buffer.getvalue()


@pytest.fixture(scope="module")
def zero_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (7700, 7700)).save(buffer, "JPEG", quality=75, optimize=True)
    assert len(buffer.getvalue()) < 250_000
    return buffer.getvalue()


@pytest.fixture
def decoded_sizes(monkeypatch) -> list[tuple[int, int]]:
    """The size of every image whose pixels Pillow decodes during the test."""
    sizes: list[tuple[int, int]] = []
    original = ImageFile.ImageFile.load

    def spy(self):
        sizes.append(self.size)
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return sizes


@pytest.fixture
def api() -> APIClient:
    account = Account.objects.create(
        kind="company", name="Kuvaamo Oy", business_id="1234567-1", studio_name="Kuvaamo"
    )
    Photographer.objects.create(account=account, name="Maija Kuvaaja")
    _key, secret = ApiKey.issue(account, "studio software")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def _big(sizes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [s for s in sizes if s[0] * s[1] > 4_000_000]


@pytest.mark.parametrize("kind", ["zero_png", "zero_jpeg"])
@pytest.mark.parametrize("path", ["/api/v1/checks", "/api/v1/photos"])
def test_api_refuses_a_pixel_bomb_from_its_header(request, api, decoded_sizes, kind, path):
    data = request.getfixturevalue(kind)
    name = "bomb.png" if kind == "zero_png" else "bomb.jpg"
    response = api.post(
        path,
        {
            "image": SimpleUploadedFile(name, data),
            "photographer": "Maija Kuvaaja",
            "consent": "true",
        },
        format="multipart",
    )
    assert response.status_code == 400, response.content
    message = " ".join(response.json()["fields"]["image"])
    assert ("PNG" in message) if kind == "zero_png" else ("7700×7700" in message)
    assert _big(decoded_sizes) == []
    assert not Photo.objects.exists()


@pytest.mark.parametrize("kind", ["zero_png", "zero_jpeg"])
def test_new_photo_page_refuses_a_pixel_bomb_and_stores_no_draft(
    request, client, decoded_sizes, kind
):
    force_login_private(client, PIA)
    account = Account.objects.get(pk=client.session["luppa_account_id"])
    data = request.getfixturevalue(kind)
    response = client.post(
        "/photos/new/",
        {
            "consent": "on",
            "photographer": account.photographers.get().pk,
            "image": SimpleUploadedFile("bomb.jpg", data, content_type="image/jpeg"),
        },
    )
    assert response.status_code == 400  # the form again, with the error
    assert "JPEG" in response.content.decode() or "7700×7700" in response.content.decode()
    assert _big(decoded_sizes) == []
    assert not Photo.objects.exists()
