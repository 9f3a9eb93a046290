"""lighting.red_eye reads the pupil near the mesh's iris centre, not only exactly at it: the mesh
places the centre a pixel differently when anything else in the photo changes."""

from __future__ import annotations

from types import SimpleNamespace

import cv2
import numpy as np
import pytest

from luppa.quality.checks.lighting import MAX_RED_PUPIL, red_pupil_share
from luppa.quality.landmarks import EYES

IRIS_RADIUS = 6.0


def eyes_at(centres: list[tuple[float, float]]) -> np.ndarray:
    points = np.zeros((478, 3))
    for eye, (x, y) in zip(EYES, centres, strict=True):
        points[eye.iris_centre, :2] = (x, y)
        for k, i in enumerate(eye.iris_ring):
            angle = k * np.pi / 2
            points[i, :2] = (x + IRIS_RADIUS * np.cos(angle), y + IRIS_RADIUS * np.sin(angle))
    return points


def photo_with_pupils(centres: list[tuple[int, int]], colour: tuple[int, int, int]) -> np.ndarray:
    rgb = np.full((120, 200, 3), 180, np.uint8)
    for x, y in centres:
        cv2.circle(rgb, (x, y), round(IRIS_RADIUS), (90, 70, 50), -1)  # a brown iris
        cv2.circle(rgb, (x, y), round(0.55 * IRIS_RADIUS), colour, -1)
    return rgb


@pytest.mark.parametrize("shift", [0, 2, 3])
def test_a_red_pupil_beside_the_mesh_centre_is_still_found(shift):
    # Read exactly at the centre, a shift of 3 (0.7 iris radii diagonally) measured 0.20.
    painted = [(60, 60), (140, 60)]
    rgb = photo_with_pupils(painted, (205, 35, 30))
    mesh = eyes_at([(x + shift, y - shift) for x, y in painted])
    assert red_pupil_share(SimpleNamespace(rgb=rgb, points=mesh)) > MAX_RED_PUPIL


def test_dark_pupils_and_eyes_at_the_edge_are_not_red():
    painted = [(60, 60), (140, 60)]
    rgb = photo_with_pupils(painted, (20, 20, 20))
    assert red_pupil_share(SimpleNamespace(rgb=rgb, points=eyes_at(painted))) == 0.0
    edge = eyes_at([(1.0, 1.0), (199.0, 119.0)])
    assert red_pupil_share(SimpleNamespace(rgb=rgb, points=edge)) == 0.0
