"""The fast forms of the image measures give the straightforward forms' numbers."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from luppa.quality.checks.image import blur_measure, noise_sigma


def _blur_reference(gray: np.ndarray) -> float:
    """Crété's measure as first written: a 9-tap box sum, then the losses summed in 16 bits."""
    g = np.ascontiguousarray(gray)
    results = []
    for axis, ksize in ((0, (1, 9)), (1, (9, 1))):
        sums = cv2.boxFilter(g, cv2.CV_16S, ksize, normalize=False).astype(np.int64)
        f = g.astype(np.int64)
        d_f = np.abs(np.diff(f, axis=axis))
        d_s = np.abs(np.diff(sums, axis=axis))
        if d_f.sum() <= 0:
            return 1.0
        lost = float(np.maximum(9 * d_f - d_s, 0).sum()) / 9
        results.append((d_f.sum() - lost) / d_f.sum())
    return max(results)


@pytest.mark.parametrize("size", [(5, 5), (9, 12), (40, 31), (300, 240)])
def test_blur_measure_is_the_box_filter_form(size):
    rng = np.random.default_rng(size[0])
    for trial in range(10):
        noise = rng.integers(0, 256, size, dtype=np.uint8)
        smooth = cv2.GaussianBlur(noise, (0, 0), 1 + trial % 3)
        for image in (noise, smooth):
            assert blur_measure(image) == _blur_reference(image)


def _noise_reference(gray: np.ndarray) -> float:
    """Immerkær over the pixels whose exact gradient is below the median of the exact
    gradients of every 4th pixel, in float64 without OpenCV's approximate roots."""
    band = 32
    h, w = gray.shape
    starts = range(0, h - band - 2, 2 * band)
    f = np.concatenate([gray[y : y + band + 2] for y in starts]).astype(np.float64)
    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float64)
    response = np.abs(cv2.filter2D(f, -1, kernel))
    gx, gy = cv2.Sobel(f, cv2.CV_64F, 1, 0), cv2.Sobel(f, cv2.CV_64F, 0, 1)
    grad = np.sqrt((gx * gx + gy * gy).astype(np.float32))
    stack = grad.reshape(len(starts), -1, w)
    threshold = np.median(stack[:, 1:-1:4, 1:-1:4])
    keep = (stack < threshold)[:, 1:-1, 1:-1]
    values = response.reshape(len(starts), -1, w)[:, 1:-1, 1:-1][keep]
    return float(np.sqrt(np.pi / 2) * values.sum() / values.size / 6.0)


def test_noise_is_exact_and_the_same_at_any_address():
    rng = np.random.default_rng(5)
    base = cv2.GaussianBlur(rng.integers(0, 256, (653, 500), dtype=np.uint8), (0, 0), 3)
    gray = cv2.add(base, rng.integers(0, 4, base.shape, dtype=np.uint8))
    expected = _noise_reference(gray)
    for offset in range(0, 64, 4):
        buffer = np.empty(gray.size + 64, np.uint8)
        moved = buffer[offset : offset + gray.size].reshape(gray.shape)
        moved[:] = gray
        assert noise_sigma(moved) == pytest.approx(expected, rel=1e-12)
