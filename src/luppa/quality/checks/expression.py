"""Decree 4 §: neutral expression, eyes open and not squinting, mouth closed."""

from __future__ import annotations

import math

import numpy as np

from ..analysis import Analysis
from ..definition import Bound, Measure
from ..landmarks import (
    LIP_LOWER_INNER,
    LIP_LOWER_OUTER,
    LIP_UPPER_INNER,
    LIP_UPPER_OUTER,
    MOUTH_LEFT,
    MOUTH_RIGHT,
    inter_ocular,
    lid_openings,
)
from ..registry import Outcome, Status, check, failed, graded, no_face, passed, warned
from ..thresholds import threshold
from .pose import head_angles

# Lid opening / eye width.
MIN_EYE_OPEN = threshold("expression.min_eye_open")
WARN_EYE_OPEN = threshold("expression.warn_eye_open")
# Inner-lip gap / mouth width.
MAX_LIP_GAP = threshold("expression.max_lip_gap")
WARN_LIP_GAP = threshold("expression.warn_lip_gap")
# Mouth corners raised above the lip centre, per mouth width; and mouth width per iris distance.
MAX_SMILE = threshold("expression.max_smile")
WARN_SMILE = threshold("expression.warn_smile")
# Other non-neutral faces (4 §: "neutraali ilme"), each a warning: a person judges them.
# Corners drawn below the lip centre, per mouth width: a frown or pressed, pursed lips.
MIN_CORNER_LIFT = threshold("expression.min_corner_lift")
# Lips apart by this much of the mouth width: talking, a grin or a tongue; relaxed lips touch.
TALKING_LIP_GAP = threshold("expression.talking_lip_gap")
# Depth of the mouth corners behind the lip centre, per iris distance. A relaxed or smiling
# mouth is 0.23-0.35 deep; pursed, pouting lips pull the corners forward.
MIN_CORNER_DEPTH = threshold("expression.min_corner_depth")
# Brow height above the upper lid, per iris distance: relaxed brows sit 0.2-0.45 above it;
# lowered, knitted brows (a frown) sit below the lower bound, raised brows above the upper.
MIN_BROW = threshold("expression.min_brow")
MAX_BROW = threshold("expression.max_brow")
# Openness of the narrower eye per the wider one: below this with the other eye open, a wink.
MAX_WINK_RATIO = threshold("expression.max_wink_ratio")
WINK_OPEN_EYE = threshold("expression.wink_open_eye")
BROW_MID = (105, 334)  # brow arches above LEFT_EYE and RIGHT_EYE
LID_TOP = (159, 386)


def mouth_width(points: np.ndarray) -> float:
    return float(np.linalg.norm(points[MOUTH_LEFT, :2] - points[MOUTH_RIGHT, :2]))


def lip_gap(points: np.ndarray) -> float:
    gap = np.linalg.norm(points[LIP_UPPER_INNER, :2] - points[LIP_LOWER_INNER, :2])
    return float(gap / max(mouth_width(points), 1e-6))


def corner_lift(points: np.ndarray) -> float:
    """Mouth corners above (+) or below (-) the lip centre, per mouth width."""
    width = max(mouth_width(points), 1e-6)
    centre_y = (points[LIP_UPPER_INNER, 1] + points[LIP_LOWER_INNER, 1]) / 2
    corners_y = (points[MOUTH_LEFT, 1] + points[MOUTH_RIGHT, 1]) / 2
    return float((centre_y - corners_y) / width)


def smile_score(points: np.ndarray) -> float:
    """How far the mouth corners are drawn up and out: 0 for a relaxed mouth."""
    spread = mouth_width(points) / max(inter_ocular(points), 1e-6) - 0.85
    return float(corner_lift(points) + 0.5 * max(0.0, spread))


def corner_depth(points: np.ndarray) -> float:
    """How far the mouth corners lie behind the lip centre (mesh depth), per iris distance."""
    corners = (points[MOUTH_LEFT, 2] + points[MOUTH_RIGHT, 2]) / 2
    centre = (points[LIP_UPPER_OUTER, 2] + points[LIP_LOWER_OUTER, 2]) / 2
    return float((corners - centre) / max(inter_ocular(points), 1e-6))


def brow_heights(points: np.ndarray) -> tuple[float, float]:
    iod = max(inter_ocular(points), 1e-6)
    left, right = (float((points[lid, 1] - points[brow, 1]) / iod)
                   for lid, brow in zip(LID_TOP, BROW_MID, strict=True))  # fmt: skip
    return left, right


def levelled(points: np.ndarray, pitch: float) -> np.ndarray:
    """The mesh turned back by the head's pitch. Seen from above or below, the lips (which
    stand forward of the mouth corners) shift against the corners and fake a smile or a
    frown; measured on the levelled mesh they do not."""
    t = -math.radians(pitch)
    out = points.copy()
    out[:, 1] = points[:, 1] * math.cos(t) - points[:, 2] * math.sin(t)
    out[:, 2] = points[:, 1] * math.sin(t) + points[:, 2] * math.cos(t)
    return out


def expression_measures(points: np.ndarray, eyes: list[float] | None = None) -> dict[str, float]:
    """The expression's measures; `eyes` are the lid openings when already known."""
    eyes = eyes or lid_openings(points)
    # Depth differences are read from the mesh as predicted; the image heights after levelling.
    pucker = corner_depth(points)
    points = levelled(points, head_angles(points)[2])
    brows = brow_heights(points)
    return {
        "smile": round(smile_score(points), 3),
        "corners": round(corner_lift(points), 3),
        "lips": round(lip_gap(points), 3),
        "pucker": round(pucker, 3),
        "brows": round(min(brows), 3) if min(brows) < MIN_BROW else round(max(brows), 3),
        "eyes": round(min(eyes) / max(max(eyes), 1e-6), 2),
        "open_eye": round(max(eyes), 3),
    }


# Sclera against iris (see face.eyes_visible): an open-looking lid line over an eye that shows
# little white is a squint (eyes narrowed against light, or by a grin).
SQUINT_CONTRAST = threshold("expression.squint_contrast")


@check("expression.eyes_open", 4, Bound(Measure("lid_opening", "eye_width"), low=MIN_EYE_OPEN))
def eyes_open(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    outcome = graded(round(min(a.lid_openings), 3), MIN_EYE_OPEN, WARN_EYE_OPEN, "closed", "squint")
    if outcome.status is Status.PASS and a.eye_contrast and min(a.eye_contrast) < SQUINT_CONTRAST:
        return warned(outcome.value, "squint")
    return outcome


@check("expression.mouth_closed", 4, Bound(Measure("lip_gap", "mouth_width"), high=MAX_LIP_GAP))
def mouth_closed(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    return graded(round(lip_gap(a.points), 3), MAX_LIP_GAP, WARN_LIP_GAP, "open", "slightly_open")


@check("expression.neutral", 4, Bound(Measure("smile", "mouth_width"), high=MAX_SMILE))
def neutral(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    m = expression_measures(a.points, a.lid_openings)
    value = m["smile"]
    # Corners drawn up with the lips parted over the teeth: an unmistakable smile.
    if m["smile"] > MAX_SMILE or (m["smile"] > WARN_SMILE and m["lips"] > TALKING_LIP_GAP):
        return failed(value, "smile")
    if m["eyes"] < MAX_WINK_RATIO and m["open_eye"] > WINK_OPEN_EYE:
        return failed(value, "wink")
    if m["smile"] > WARN_SMILE:
        return warned(value, "maybe_smile")
    if m["lips"] > TALKING_LIP_GAP:
        return warned(value, "talking")
    if m["corners"] < MIN_CORNER_LIFT:
        return warned(value, "frown")
    if m["brows"] < MIN_BROW:
        return warned(value, "frown")
    if m["pucker"] < MIN_CORNER_DEPTH:
        return warned(value, "pout")
    if m["brows"] > MAX_BROW:
        return warned(value, "brows_raised")
    return passed(value)
