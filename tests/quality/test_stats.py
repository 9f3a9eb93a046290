"""The fast order statistics give numpy's own numbers, so no check's value moves."""

from __future__ import annotations

import numpy as np
import pytest

from luppa.quality.stats import histogram_median, histogram_u8, median_f32, percentile


@pytest.mark.parametrize("n", [1, 2, 3, 4, 9, 10, 101, 1000])
def test_percentile_is_numpys(n):
    rng = np.random.default_rng(n)
    for _ in range(50):
        for values in (
            rng.integers(0, 256, n).astype(np.uint8),
            (rng.random(n) * 300).astype(np.float32),
        ):
            for q in (0, 5, 25, 50, 75, 90, 99, 100):
                assert percentile(values, q) == float(np.percentile(values, q))


@pytest.mark.parametrize("n", [1, 2, 3, 10, 11, 1000])
def test_float32_median_is_numpys(n):
    rng = np.random.default_rng(n)
    for _ in range(50):
        values = (rng.random(n) * 100).astype(np.float32)
        expected = np.median(values)
        got = median_f32(values)
        assert got == expected and got.dtype == expected.dtype


def test_histogram_median_under_a_mask_is_numpys():
    rng = np.random.default_rng(1)
    for _ in range(50):
        image = rng.integers(0, 256, (40, 30, 3)).astype(np.uint8)
        mask = rng.random((40, 30)) < rng.random()
        if not mask.any():
            continue
        for channel in range(3):
            hist = histogram_u8(image, channel, mask)
            assert histogram_median(hist) == float(np.median(image[..., channel][mask]))
