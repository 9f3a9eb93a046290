"""Order statistics of pixel values, the same numbers numpy gives, at a fraction of the cost.

np.median and np.percentile carry tens of microseconds of generic overhead per call, and a
median of 8-bit pixels under a mask need not gather (or sort) the pixels at all: a histogram
holds the answer. Every function here returns exactly what numpy's own would (see
tests/quality/test_stats.py), so the checks' values do not move.
"""

from __future__ import annotations

import cv2
import numpy as np


def histogram_u8(image: np.ndarray, channel: int = 0, mask: np.ndarray | None = None) -> np.ndarray:
    """Counts of the 256 levels of one 8-bit channel, under a mask (uint8 or bool) if given:
    OpenCV reads the pixels in place, where numpy would first gather them."""
    if mask is not None and mask.dtype == bool:
        mask = mask.view(np.uint8)
    return cv2.calcHist([image], [channel], mask, [256], [0, 256]).ravel()


def histogram_median(hist: np.ndarray) -> float:
    """np.median of the values a 256-level histogram counts: the mean of the two middle
    values when their number is even."""
    n = int(hist.sum())
    cumulative = np.cumsum(hist)
    # The k-th smallest value (from 0) is the first level whose cumulative count exceeds k.
    low, high = np.searchsorted(cumulative, ((n - 1) // 2, n // 2), side="right")
    return (int(low) + int(high)) / 2


def median_f32(values: np.ndarray) -> np.float32:
    """np.median of float32 values, the same float32 (the mean of the two middle values
    when their number is even), with one partition."""
    flat = values.ravel()
    n = flat.size
    if n % 2:
        return np.partition(flat, n // 2)[n // 2]
    low, high = np.partition(flat, (n // 2 - 1, n // 2))[n // 2 - 1 : n // 2 + 1]
    return (low + high) / np.float32(2)


def percentile(values: np.ndarray, q: float) -> float:
    """np.percentile(values, q) with its default linear interpolation, for a non-empty 1-D
    array of 8-bit or float32 values: numpy's own steps in the array's own type."""
    n = values.size
    virtual = (n - 1) * (q / 100)
    if virtual >= n - 1:
        return float(values.max())
    if virtual < 0:
        return float(values.min())
    low = int(np.floor(virtual))
    ordered = np.partition(values, (low, low + 1)) if n > 2 else np.sort(values)
    a, b = ordered[low], ordered[low + 1]
    t = float(virtual - low)
    step = b - a
    # numpy's _lerp: from the nearer end, so that t = 1 gives b exactly.
    return float(b - step * (1 - t)) if t >= 0.5 else float(a + step * t)
