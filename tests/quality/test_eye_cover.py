"""face.eyes_visible judges what shows, not where the face mesh predicts eyes: a hat pulled
over both eyes is "eyes hidden" in a photo and in its mirror image alike, whatever the mesh
does at the hat's edge, and bare eyes show no cover's edge."""

from __future__ import annotations

import numpy as np
import pytest
from defects import hat, jpeg, level, studio
from imagetools import decode_rgb

from luppa.quality import assess
from luppa.quality.assess import analyse
from luppa.quality.faces import find_faces
from luppa.quality.thresholds import THRESHOLDS


@pytest.fixture(scope="module")
def clean(framed_photos) -> np.ndarray:
    biden = studio(decode_rgb(framed_photos["biden"].jpeg))
    return level(biden, find_faces(biden).landmarks)


def eyes_visible(data: bytes):
    return next(c for c in assess(data).checks if c.id == "face.eyes_visible")


@pytest.mark.parametrize("mirrored", [False, True])
def test_a_hat_over_the_eyes_hides_both_eyes(clean, mirrored) -> None:
    photo = clean[:, ::-1].copy() if mirrored else clean
    check = eyes_visible(jpeg(hat(photo, find_faces(photo).landmarks)))
    assert (str(check.status), check.message_key) == ("fail", "face.eyes_visible.hidden")


@pytest.mark.parametrize("mirrored", [False, True])
def test_bare_eyes_show_no_cover_edge(clean, mirrored) -> None:
    photo = clean[:, ::-1].copy() if mirrored else clean
    edge = analyse(jpeg(photo)).cover_edge
    assert edge is not None
    assert edge.strength < THRESHOLDS["accessories.min_cover_edge"].value / 2
