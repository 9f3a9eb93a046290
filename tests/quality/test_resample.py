"""The fast area resize gives OpenCV's own bytes, so no check's value moves."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from luppa.quality.resample import half_area


@pytest.mark.parametrize(
    ("h", "w"),
    [(653, 500), (653, 498), (651, 500), (999, 766), (5, 4), (7, 10), (101, 64), (652, 500),
     (653, 499), (3, 8)],
)  # fmt: skip
def test_half_area_is_opencvs(h, w):
    rng = np.random.default_rng(h * 1000 + w)
    for trial in range(20):
        if trial % 2:
            image = rng.integers(0, 256, (h, w), dtype=np.uint8)
        else:
            # Smooth images: more outputs land near a rounding tie.
            base = rng.integers(0, 256, (h // 4 + 2, w // 4 + 2), dtype=np.uint8)
            image = cv2.resize(base, (w, h), interpolation=cv2.INTER_LINEAR)
        expected = cv2.resize(image, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
        np.testing.assert_array_equal(half_area(image), expected)


def test_half_area_of_a_view_is_opencvs():
    image = np.random.default_rng(3).integers(0, 256, (700, 600), dtype=np.uint8)[:653, :500]
    expected = cv2.resize(image, (250, 326), interpolation=cv2.INTER_AREA)
    np.testing.assert_array_equal(half_area(image), expected)
