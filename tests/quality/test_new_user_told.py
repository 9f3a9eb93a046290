"""A new user's photo with a hat over the eyes, a frown, or a hand in the frame is told so, in
Finnish, Swedish and English: by the studio API's check and on the photographer's page."""

from __future__ import annotations

import re

import cv2
import numpy as np
import pytest
from defects import HAND_BOX, hat, jpeg, level, painted_hand, studio
from django.test import Client
from imagetools import decode_rgb
from rest_framework.test import APIClient
from webtools import PIA, login

import luppa.quality.analysis as analysis
from luppa.accounts.models import Account, ApiKey, Photographer
from luppa.photos import services
from luppa.quality.faces import find_faces
from luppa.quality.landmarks import MOUTH_LEFT, MOUTH_RIGHT

pytestmark = pytest.mark.django_db

# check id, status, and words of the message that say what is wrong, per language.
TOLD = {
    # Both eyes hidden, also where the face mesh puts one predicted eye at the hat's edge
    # (as it does on some CPUs' kernels): the hat's edge itself is found (eye_cover).
    "hat_over_eyes": ("face.eyes_visible", "fail",
                      {"fi": "Silmät eivät erotu", "sv": "Ögonen syns inte",
                       "en": "The eyes cannot be seen"}),
    "frown": ("expression.neutral", "warn",
              {"fi": "kulmat kurtussa tai suupielet alhaalla",
               "sv": "nedåtdragna mungipor", "en": "drawn-down mouth corners"}),
    "hand": ("face.hands", "fail",
             {"fi": "Kuvassa näkyy käsi", "sv": "En hand syns i bilden",
              "en": "A hand shows in the photo"}),
}  # fmt: skip


def frown(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Mouth corners drawn down a quarter of the mouth's width (a local warp)."""
    h, w = rgb.shape[:2]
    width = float(np.linalg.norm(p[MOUTH_LEFT, :2] - p[MOUTH_RIGHT, :2]))
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    dy = np.zeros((h, w), np.float32)
    for i in (MOUTH_LEFT, MOUTH_RIGHT):
        cx, cy = p[i, :2]
        dy += 0.25 * width * np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * (0.18 * width) ** 2))
    return cv2.remap(rgb, xs, ys - dy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


@pytest.fixture(scope="module")
def photos(framed_photos) -> dict[str, bytes]:
    biden = studio(decode_rgb(framed_photos["biden"].jpeg))
    clean = level(biden, find_faces(biden).landmarks)
    p = find_faces(clean).landmarks
    return {"hat_over_eyes": jpeg(hat(clean, p)), "frown": jpeg(frown(clean, p)),
            "hand": jpeg(painted_hand(clean, p))}  # fmt: skip


@pytest.fixture
def hand_model(monkeypatch):
    """The palm detector's answer for the painted hand (the hand check's own gate, which
    decides whether the detector runs at all, still looks at the pixels)."""
    monkeypatch.setattr(analysis, "find_hands", lambda rgb: [tuple(map(float, HAND_BOX))])


def api_client() -> APIClient:
    account = Account.objects.create(kind="company", name="Uusi Oy", business_id="1234567-1",
                                      studio_name="Uusi")  # fmt: skip
    _key, secret = ApiKey.issue(account, "first day")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("defect", sorted(TOLD))
def test_the_api_check_says_what_is_wrong(photos, hand_model, defect, lang) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    check_id, status, words = TOLD[defect]
    image = SimpleUploadedFile("kuva.jpg", photos[defect], content_type="image/jpeg")
    response = api_client().post(f"/api/v1/checks?lang={lang}", {"image": image},
                                 format="multipart")  # fmt: skip
    assert response.status_code == 200, response.content
    check = next(c for c in response.json()["checks"] if c["id"] == check_id)
    assert check["status"] == status, check
    assert words[lang] in check["message"], check["message"]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_photographers_page_says_it_in_the_ui_language(photos, hand_model, lang) -> None:
    client = Client()
    login(client, PIA)
    Photographer.objects.update(mode=Photographer.Mode.ADVANCED)  # every result on one page
    client.post("/i18n/setlang/", {"language": lang, "next": "/"})
    account = Account.objects.get(pk=client.session["luppa_account_id"])
    for defect, (_check_id, _status, words) in TOLD.items():
        photo = services.create_draft(account, account.photographers.get(), photos[defect], {})
        html = client.get(f"/photos/draft/{photo.pk}/").content.decode()
        assert words[lang] in html, (defect, lang)
        # Measured values read in the page's language, with its decimal sign: never the
        # code's English names ("roll -3.1, yaw -8.8").
        names = {"fi": "kallistus", "sv": "lutning", "en": "roll"}
        assert re.search(rf"{names[lang]} -?\d", html), (defect, lang)
        if lang != "en":
            assert not re.search(r"\b(roll|yaw|pitch) -?\d", html), (defect, lang)
            assert not re.search(r"(kallistus|lutning) -?\d+\.\d", html), "decimal point"
