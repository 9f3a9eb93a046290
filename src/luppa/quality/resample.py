"""OpenCV's area resizes, pixel for pixel, where OpenCV's own is slow.

cv2.resize with INTER_AREA has a fast path only when both factors are whole numbers. Halving
a 500x653 photo is not (653 rows become 326: a factor of 2.003), and OpenCV's general path
walks the pixels one by one with a weight table: it cost more than the edge detection that
reads the result. The same arithmetic, row-wise in numpy, gives the same bytes
(tests/quality/test_resample.py compares them on random images of many sizes).
"""

from __future__ import annotations

import math
from functools import cache

import cv2
import numpy as np


@cache
def _area_table(ssize: int, dsize: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """OpenCV's computeResizeAreaTab along one axis, by step: for the k-th contribution to
    every output row, the source row and its weight (float32, as OpenCV stores it), halved
    to absorb the horizontal pair's mean (exact: a power of two). Every output row has the
    same number of contributions when the factor is between 2 and 3, as halving gives."""
    scale = ssize / dsize
    per_row: list[list[tuple[int, float]]] = []
    for d in range(dsize):
        f1 = d * scale
        f2 = f1 + scale
        cell = min(scale, ssize - f1)
        s2 = min(math.floor(f2), ssize - 1)
        s1 = min(math.ceil(f1), s2)
        row = []
        if s1 - f1 > 1e-3:
            row.append((s1 - 1, (s1 - f1) / cell))
        row.extend((s, 1.0 / cell) for s in range(s1, s2))
        if f2 - s2 > 1e-3:
            row.append((s2, min(f2 - s2, 1.0, cell) / cell))
        per_row.append(row)
    steps = max(map(len, per_row))
    if any(len(row) != steps for row in per_row):
        raise ValueError("uneven area table")
    return tuple(
        (
            np.array([row[k][0] for row in per_row]),
            np.array([row[k][1] for row in per_row], np.float32)[:, None] * np.float32(0.5),
        )
        for k in range(steps)
    )


def half_area(gray: np.ndarray) -> np.ndarray:
    """cv2.resize(gray, (w // 2, h // 2), interpolation=cv2.INTER_AREA), the same bytes.

    OpenCV's general area path, for an 8-bit image of even width: each source row is first
    resampled across (with the factor exactly 2, the mean of each pixel pair, exact in
    float32), then the output row is the sum of its weighted source rows, accumulated in
    float32 in table order, and rounded to the nearest integer (ties to even)."""
    h, w = gray.shape
    if h % 2 == 0 or w % 2 or h < 4 or not gray.flags.c_contiguous:
        # Whole factors take OpenCV's own fast path; odd widths its general one.
        return cv2.resize(gray, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    try:
        table = _area_table(h, h // 2)
    except ValueError:
        return cv2.resize(gray, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    # Each pixel pair as one little-endian 16-bit word: its two bytes summed.
    pairs = gray.view(np.uint16)
    sums = ((pairs & 0xFF) + (pairs >> 8)).astype(np.float32)
    (rows, weights), *rest = table
    out = sums[rows]
    out *= weights
    for rows, weights in rest:
        step = sums[rows]
        step *= weights
        out += step
    # saturate_cast<uchar>: round to nearest, ties to even, as convertScaleAbs does.
    return cv2.convertScaleAbs(out)
