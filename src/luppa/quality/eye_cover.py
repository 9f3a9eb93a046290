"""A cover's edge across the eyes: the lower edge of a hat, a fringe or a band pulled down over
both eyes, found in the pixels rather than in the face mesh.

Where the eyes are hidden the mesh still predicts them, and it tends to put them at the
cover's edge: one predicted eye then holds dark cover above and bright skin below, which the
sclera-against-iris contrast (landmarks.eye_contrast) reads as an open eye. A cover is told
apart by what an eye never shows: one straight edge that runs through both eyes and the nose
bridge between them, with nothing bright anywhere just above it (an eye above an edge shows
its white; a lower lid, a glasses rim or a brow does not make such an edge on the bridge too).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .landmarks import LEFT_EYE, RIGHT_EYE

# Where the edge may lie, per iris distance from the eyes' mean height: a cover whose edge is
# higher than this leaves the eyes free (a brim or fringe above the brows).
REACH = 0.35
ABOVE = 0.2  # rows above the edge that must all be dark (iris distances)
BELOW = 0.1  # rows below it whose median is the skin it ends on
WORK_IOD = 60.0  # pixels per iris distance the edge is looked for at


@dataclass(frozen=True)
class CoverEdge:
    """The weakest of the three parts' edges (the skin's median below the edge minus the
    brightest of the rows above it, 8-bit grey levels), and how far the bridge's edge lies
    from the straight line through the two eyes' edges (iris distances)."""

    strength: float
    bend: float


def cover_edge(points: np.ndarray, gray: np.ndarray, iod: float) -> CoverEdge | None:
    """The strongest dark-above, bright-below edge found at the same height across the left
    eye, the nose bridge and the right eye; None where the face is too small or too near
    the photo's edge to look."""
    h, w = gray.shape
    left, right = points[LEFT_EYE.iris_centre, :2], points[RIGHT_EYE.iris_centre, :2]
    mid_y = float(left[1] + right[1]) / 2
    y0, y1 = round(mid_y - (REACH + ABOVE) * iod), round(mid_y + (REACH + BELOW) * iod)
    # The parts, each placed by its own eye so that a mirrored photo reads the same.
    parts = (
        (left[0] - 0.4 * iod, left[0] + 0.25 * iod),
        (left[0] + 0.35 * iod, right[0] - 0.35 * iod),
        (right[0] - 0.25 * iod, right[0] + 0.4 * iod),
    )
    x0, x1 = round(float(parts[0][0])), round(float(parts[2][1]))
    if y0 < 0 or y1 > h or x0 < 0 or x1 > w or iod < 10:
        return None
    # An edge a tenth of an iris distance high needs no more than WORK_IOD pixels per iris
    # distance: smaller faces are read as they are, larger ones area-averaged down.
    scale = min(1.0, WORK_IOD / iod)
    region = gray[y0:y1, x0:x1]
    if scale < 1.0:
        size = (max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale)))
        region = cv2.resize(region, size, interpolation=cv2.INTER_AREA)
    unit = iod * scale
    up, down = max(3, round(ABOVE * unit)), max(2, round(BELOW * unit))
    rows = region.shape[0]
    if rows < up + down + 1:
        return None
    best = []
    for a, b in parts:
        c0, c1 = round((float(a) - x0) * scale), round((float(b) - x0) * scale)
        if c1 - c0 < 3:
            return None
        n = c1 - c0
        k50, k90 = n // 2, min(n - 1, round(0.9 * (n - 1)))
        ordered = np.partition(region[:, c0:c1], (k50, k90), axis=1)
        median = ordered[:, k50].astype(np.float32)
        bright = ordered[:, k90].astype(np.float32)
        # An edge starting at row s: below = the mean median of rows s .. s+down, above = the
        # brightest row's 90th percentile over rows s-up .. s.
        count = rows - up - down + 1
        sums = np.concatenate([[0.0], np.cumsum(median)])
        below = (sums[up + down : up + down + count] - sums[up : up + count]) / down
        above = bright[:count].copy()
        for k in range(1, up):
            np.maximum(above, bright[k : k + count], out=above)
        score = below - above
        i = int(np.argmax(score))
        best.append((float(score[i]), (i + up) / unit))
    strength = min(s for s, _ in best)
    bend = abs(best[1][1] - (best[0][1] + best[2][1]) / 2)
    return CoverEdge(strength, bend)
