"""Where the head sits in the frame: crown, chin and face centre line (decree 2 §).

Hair and beard do not count, so the crown is the top of the skull, which hair usually hides.
It is estimated from the face: crown = chin - CROWN_RATIO * (chin - eye line), where the eye
line runs through the iris centres. CROWN_RATIO was calibrated on photos where the outline
of the head shows (very short hair or little hair, see README "Crown estimate"). The skull
can never reach above the hair, so the estimate is clamped to the top of the segmented head.
"""

from __future__ import annotations

import numpy as np

from .landmarks import CHIN, MIDLINE, eye_centre_y
from .report import Geometry

CROWN_RATIO = 1.87
# Mask level at which the segmented person starts; 0.5 is the model's own decision boundary.
_MASK_LEVEL = 0.5


def head_top(person_mask: np.ndarray, centre_x: float, half_width: float) -> float | None:
    """Top of the segmented head (hair included) around the face's centre line."""
    _h, w = person_mask.shape
    x0 = int(max(0, centre_x - half_width))
    x1 = int(min(w, centre_x + half_width + 1))
    if x1 <= x0:
        return None
    column = person_mask[:, x0:x1].mean(axis=1)
    rows = np.flatnonzero(column > _MASK_LEVEL)
    return float(rows[0]) if rows.size else None


def measure(
    points: np.ndarray, person_mask: np.ndarray | None, width: int, height: int
) -> Geometry:
    chin_y = float(points[CHIN, 1])
    eyes_y = eye_centre_y(points)
    centre_x = float(np.mean(points[list(MIDLINE), 0]))
    crown_y = chin_y - CROWN_RATIO * (chin_y - eyes_y)
    if person_mask is not None:
        top = head_top(person_mask, centre_x, 0.1 * (chin_y - eyes_y))
        if top is not None and top > crown_y:
            crown_y = top
    return Geometry(crown_y=crown_y, chin_y=chin_y, centre_x=centre_x, width=width, height=height)
