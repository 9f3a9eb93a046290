"""The models run straight on LiteRT (hand models, full-range face detector) answer as a user
expects on the committed public-domain photos: no hand where there is none, and each face
boxed where the face mesh puts it. (Agreement with MediaPipe's own graphs on the real photos,
which may not be committed, is measured by bench/model_agreement.py.)"""

from __future__ import annotations

import numpy as np
import pytest
from imagetools import FIXTURES, decode_rgb

from luppa.quality.faces import find_faces, find_hands

PHOTOS = sorted(FIXTURES.glob("*.jpg"))


@pytest.mark.parametrize("path", PHOTOS, ids=[p.stem for p in PHOTOS])
def test_no_hand_is_found_in_a_photo_without_one(path):
    assert find_hands(decode_rgb(path.read_bytes())) == []


@pytest.mark.parametrize("name, faces", [("biden.jpg", 1), ("two_people.jpg", 2)])
def test_the_full_range_detector_boxes_each_face_the_mesh_finds(name, faces):
    found = find_faces(decode_rgb((FIXTURES / name).read_bytes()), far=True)
    assert found.face_count == faces
    points = found.landmarks
    (x0, y0), (x1, y1) = points[:, :2].min(0), points[:, :2].max(0)
    boxes = [b for b in found.face_boxes if x0 <= b[0] + b[2] / 2 <= x1]
    # The detector's box of the main face: centred on the mesh and about as wide.
    box = max(boxes, key=lambda b: b[2] * b[3])
    centre = np.array([box[0] + box[2] / 2, box[1] + box[3] / 2])
    assert np.abs(centre - [(x0 + x1) / 2, (y0 + y1) / 2]).max() < 0.15 * (x1 - x0)
    assert 0.6 < box[2] / (x1 - x0) < 1.3
