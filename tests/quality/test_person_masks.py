"""The person masks at half and quarter size (Analysis.half_person) are read from one 0/64
mask by counting; they must say exactly what the rounded area averages of a 0/1 mask said,
which the background checks were calibrated on."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from luppa.quality.analysis import Analysis
from luppa.quality.faces import FaceFindings


def _old_masks(person_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    h, w = person_mask.shape
    any_ = (person_mask > 0.1).view(np.uint8)
    qh, qw = h // 4, w // 4
    quarter = cv2.resize(any_[: 4 * qh, : 4 * qw], (qw, qh), interpolation=cv2.INTER_AREA) > 0
    hh, hw = h // 2, w // 2
    half = cv2.resize(any_[: 2 * hh, : 2 * hw], (hw, hh), interpolation=cv2.INTER_AREA) > 0
    return quarter, half


@pytest.mark.parametrize("shape", [(653, 500), (1000, 751), (751, 1000), (333, 257), (64, 64)])
@pytest.mark.parametrize("share", [0.2, 0.5, 0.8])
def test_person_masks_match_the_area_averages(shape, share):
    rng = np.random.default_rng(sum(shape))
    # Blobs and single pixels, around the 0.1 level.
    mask = (rng.random(shape) < share).astype(np.float32) * rng.uniform(0.05, 1, shape)
    mask = mask.astype(np.float32)
    rgb = np.zeros((*shape, 3), np.uint8)
    a = Analysis(None, rgb, False, FaceFindings(None, [], mask))  # type: ignore[arg-type]
    quarter, half = _old_masks(mask)
    assert np.array_equal(a.quarter_person.astype(bool), quarter)
    assert np.array_equal(a.half_person[: half.shape[0], : half.shape[1]] > 16, half)
