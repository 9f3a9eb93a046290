"""Decree 4 §: neutral expression, eyes open and not squinting, mouth closed."""

from __future__ import annotations

import numpy as np

from ..analysis import Analysis
from ..landmarks import (
    EYES,
    LIP_LOWER_INNER,
    LIP_UPPER_INNER,
    MOUTH_LEFT,
    MOUTH_RIGHT,
    inter_ocular,
)
from ..registry import Outcome, check, graded, no_face

# Lid opening / eye width.
MIN_EYE_OPEN = 0.14
WARN_EYE_OPEN = 0.19
# Inner-lip gap / mouth width.
MAX_LIP_GAP = 0.07
WARN_LIP_GAP = 0.035
# Mouth corners raised above the lip centre, per mouth width; and mouth width per iris distance.
MAX_SMILE = 0.14
WARN_SMILE = 0.08


def eye_openness(points: np.ndarray) -> float:
    ratios = []
    for eye in EYES:
        width = np.linalg.norm(points[eye.outer, :2] - points[eye.inner, :2])
        gaps = [
            np.linalg.norm(points[u, :2] - points[d, :2])
            for u, d in zip(eye.upper, eye.lower, strict=True)
        ]
        ratios.append(float(np.mean(gaps) / max(width, 1e-6)))
    return min(ratios)


def mouth_width(points: np.ndarray) -> float:
    return float(np.linalg.norm(points[MOUTH_LEFT, :2] - points[MOUTH_RIGHT, :2]))


def lip_gap(points: np.ndarray) -> float:
    gap = np.linalg.norm(points[LIP_UPPER_INNER, :2] - points[LIP_LOWER_INNER, :2])
    return float(gap / max(mouth_width(points), 1e-6))


def smile_score(points: np.ndarray) -> float:
    """How far the mouth corners are drawn up and out: 0 for a relaxed mouth."""
    width = max(mouth_width(points), 1e-6)
    centre_y = (points[LIP_UPPER_INNER, 1] + points[LIP_LOWER_INNER, 1]) / 2
    corners_y = (points[MOUTH_LEFT, 1] + points[MOUTH_RIGHT, 1]) / 2
    lift = (centre_y - corners_y) / width
    spread = width / max(inter_ocular(points), 1e-6) - 0.85
    return float(lift + 0.5 * max(0.0, spread))


@check("expression.eyes_open", "4 §", f"lid opening ≥ {MIN_EYE_OPEN:g} of eye width")
def eyes_open(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    return graded(round(eye_openness(a.points), 3), MIN_EYE_OPEN, WARN_EYE_OPEN, "closed", "squint")


@check("expression.mouth_closed", "4 §", f"lip gap ≤ {MAX_LIP_GAP:g} of mouth width")
def mouth_closed(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    return graded(round(lip_gap(a.points), 3), MAX_LIP_GAP, WARN_LIP_GAP, "open", "slightly_open")


@check("expression.neutral", "4 §", f"smile score ≤ {MAX_SMILE:g}")
def neutral(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    return graded(round(smile_score(a.points), 3), MAX_SMILE, WARN_SMILE, "smile", "maybe_smile")
