"""Decree 3 §: head straight, face and gaze straight at the camera, shoulders square to it."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from ..analysis import Analysis
from ..definition import Bound, Measure
from ..landmarks import (
    CHEEK_LEFT,
    CHEEK_RIGHT,
    CHIN,
    EYES,
    FOREHEAD,
    LEFT_EYE,
    RIGHT_EYE,
)
from ..registry import Outcome, Status, check, failed, graded, no_face, passed, warned
from ..thresholds import threshold

# Roll and yaw limits in degrees: see the reasons in thresholds.toml.
MAX_ROLL = threshold("pose.max_roll")
WARN_ROLL = threshold("pose.warn_roll")
MAX_YAW = threshold("pose.max_yaw")
WARN_YAW = threshold("pose.warn_yaw")
# MediaPipe's depth estimate reads a level head as pitched 0–18° (median about 8°) on our
# frontal samples, so pitch is judged loosely: a warning first, a failure only when clear.
PITCH_ZERO = threshold("pose.pitch_zero")
MAX_PITCH = threshold("pose.max_pitch")
WARN_PITCH = threshold("pose.warn_pitch")
# Iris position along the eye opening, 0.5 = centred; beyond this the eyes look aside.
MAX_GAZE = threshold("pose.max_gaze")
WARN_GAZE = threshold("pose.warn_gaze")
# Eyes that meet the camera from a turned head sit off-centre in the eye opening, against the
# turn: about 0.005 of the eye's width per degree of yaw (an eyeball of ~24 mm turning in an
# opening of ~30 mm). Adding it back leaves the gaze's own direction relative to the camera.
GAZE_PER_YAW = threshold("pose.gaze_per_yaw")
# Iris centre below the line of the eye corners, per eye width: open eyes looking ahead sit
# 0.05-0.11 above it; an iris on or below the line looks down.
MAX_GAZE_DOWN = threshold("pose.max_gaze_down")
# Below this lid opening (expression.eyes_open's fail limit) the iris cannot be seen.
MIN_EYE_OPEN_FOR_GAZE = threshold("pose.min_eye_open_for_gaze")
# The shoulder line's slope in degrees (shoulder_line): square shoulders on real portraits
# and press photos read up to about ±12°, so only a clearly sloping line warns; no failure.
WARN_SHOULDERS = threshold("pose.warn_shoulders")
# Where the shoulder line is read: columns this many iris distances either side of the chin,
# and the share of the pairs of columns that must be readable on both sides.
SHOULDER_NEAR = threshold("pose.shoulder_near")
SHOULDER_FAR = threshold("pose.shoulder_far")
SHOULDER_READABLE = threshold("pose.shoulder_readable")
# A column's top of the body may lie at most this far (iris distances) above the chin: higher
# up, the person reaching the bottom of the frame is hair or the head, not a shoulder.
SHOULDER_ABOVE_CHIN = threshold("pose.shoulder_above_chin")
_SHOULDER_STEP = 0.05  # iris distances between sampled columns


def head_angles(points: np.ndarray) -> tuple[float, float, float]:
    """Roll, yaw and pitch in degrees from the mesh's 3-D points."""
    left, right = points[LEFT_EYE.iris_centre], points[RIGHT_EYE.iris_centre]
    roll = math.degrees(math.atan2(right[1] - left[1], right[0] - left[0]))
    cl, cr = points[CHEEK_LEFT], points[CHEEK_RIGHT]
    yaw = math.degrees(math.atan2(cr[2] - cl[2], cr[0] - cl[0]))
    top, chin = points[FOREHEAD], points[CHIN]
    pitch = math.degrees(math.atan2(chin[2] - top[2], chin[1] - top[1])) - PITCH_ZERO
    return roll, yaw, pitch


@check(
    "pose.straight",
    3,
    Bound(Measure("roll", "deg"), high=MAX_ROLL, symmetric=True),
    Bound(Measure("yaw", "deg"), high=MAX_YAW, symmetric=True),
    Bound(Measure("pitch", "deg"), high=MAX_PITCH, symmetric=True),
)
def straight(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    roll, yaw, pitch = head_angles(a.points)
    value = {"roll": round(roll, 1), "yaw": round(yaw, 1), "pitch": round(pitch, 1)}
    if abs(roll) > MAX_ROLL:
        return failed(value, "tilted", angle=round(abs(roll)))
    if abs(yaw) > MAX_YAW:
        return failed(value, "turned", angle=round(abs(yaw)))
    if abs(pitch) > MAX_PITCH:
        return failed(value, _pitch_key(pitch), angle=round(abs(pitch)))
    if abs(roll) > WARN_ROLL:
        return warned(value, "maybe_tilted", angle=round(abs(roll)))
    if abs(yaw) > WARN_YAW:
        return warned(value, "maybe_turned", angle=round(abs(yaw)))
    if abs(pitch) > WARN_PITCH:
        return warned(value, f"maybe_{_pitch_key(pitch)}", angle=round(abs(pitch)))
    return passed(value)


def _pitch_key(pitch: float) -> str:
    # Positive pitch: the chin is nearer the camera than the forehead, i.e. the head is down.
    return "down" if pitch > 0 else "up"


def gaze_offset(points: np.ndarray) -> float:
    """Mean horizontal iris position relative to each eye's corners, minus the centre."""
    positions = []
    for eye in EYES:
        x0, x1 = sorted((points[eye.outer, 0], points[eye.inner, 0]))
        if x1 - x0 < 1:
            continue
        positions.append((points[eye.iris_centre, 0] - x0) / (x1 - x0))
    return float(np.mean(positions)) - 0.5 if positions else 0.0


def gaze_down(points: np.ndarray) -> float:
    """How far the irises sit below the line of the eye corners, per eye width."""
    drops = []
    for eye in EYES:
        width = abs(points[eye.outer, 0] - points[eye.inner, 0])
        if width < 1:
            continue
        corners_y = (points[eye.outer, 1] + points[eye.inner, 1]) / 2
        drops.append((points[eye.iris_centre, 1] - corners_y) / width)
    return float(np.mean(drops)) if drops else -0.07


@check("pose.gaze", 3, Bound(Measure("gaze", "eye_width"), high=MAX_GAZE, symmetric=True))
def gaze(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    _roll, yaw, _pitch = head_angles(a.points)
    offset = round(gaze_offset(a.points) + GAZE_PER_YAW * yaw, 3)
    if min(a.lid_openings) < MIN_EYE_OPEN_FOR_GAZE:
        # Shut or nearly shut eyes: the mesh still predicts an iris, but nobody can see it.
        return warned(offset, "eyes_closed")
    outcome = graded(abs(offset), MAX_GAZE, WARN_GAZE, "aside", "maybe_aside")
    if outcome.status is Status.PASS and gaze_down(a.points) > MAX_GAZE_DOWN:
        return warned(offset, "maybe_down")
    return replace(outcome, value=offset, params={})


def _straight_side(mask: np.ndarray, cx: float, side: int, iod: float) -> bool:
    """Whether the body's edge on one side runs straight down over the bottom rows: the edge
    of the original photo (framing pads beyond it with backdrop), not a shoulder or an arm."""
    h = mask.shape[0]
    x = int(np.clip(round(cx), 0, mask.shape[1] - 1))
    edges = []
    for r in (h - 1, max(0, h - 1 - round(0.3 * iod))):
        row = mask[r, :x][::-1] if side < 0 else mask[r, x + 1 :]
        background = np.flatnonzero(row <= 0.5)
        edges.append(int(background[0]) if len(background) else -1)
    return edges[0] >= 0 and abs(edges[0] - edges[1]) <= max(2.0, 0.02 * iod)


def shoulder_line(mask: np.ndarray, points: np.ndarray, iod: float) -> tuple[float, bool] | None:
    """The slope of the shoulders' outline in degrees (positive: the right side of the image
    lower) and whether it is only a lower bound of the slope; None where it cannot be read.

    The outline is the top of the person's silhouette (segmentation at 0.5) in columns at
    symmetric distances either side of the chin. A column reads where the person reaches the
    bottom of the frame and the body's top edge lies below the head (not hair or the head
    itself falling to the bottom). Where the body ends before the bottom of the frame on one
    side while the other side reads, that shoulder lies below the frame: its height is taken
    as the frame's bottom, which makes the slope a lower bound (unless that side ends in a
    straight vertical edge, the original photo's edge). The slope is that of the median
    height difference of the pairs, over their median width. A few dozen columns of the
    mask: nearly free."""
    if iod <= 0:
        return None
    h, w = mask.shape
    cx, cy = float(points[CHIN, 0]), float(points[CHIN, 1])
    d = np.arange(SHOULDER_NEAR, SHOULDER_FAR + 1e-6, _SHOULDER_STEP) * iod
    n = len(d)
    xs = np.round(np.concatenate([cx - d, cx + d])).astype(int)
    inside = (xs >= 0) & (xs < w)
    # Only the rows from just above the highest readable top: a column that is person all
    # the way up to there is too high to read anyway.
    r0 = max(0, math.floor(cy - SHOULDER_ABOVE_CHIN * iod) - 1)
    cols = mask[r0:, np.clip(xs, 0, w - 1)] > 0.5
    # Rows of person at the bottom of each column (0: the column ends in background).
    run = np.argmax(~cols[::-1], axis=0)
    run[cols.all(axis=0)] = h  # person up to r0 or beyond: unreadable below unless r0 is 0
    top = (h - run).astype(np.float64)
    readable = inside & (run > 0) & (top >= cy - SHOULDER_ABOVE_CHIN * iod)
    below = inside & (run == 0)
    left_below = below[:n] & readable[n:]
    right_below = readable[:n] & below[n:]
    if left_below.any() and right_below.any():
        return None  # each side lower than the other: no line
    if left_below.any() and _straight_side(mask, cx, -1, iod):
        left_below[:] = False
    if right_below.any() and _straight_side(mask, cx, 1, iod):
        right_below[:] = False
    used = (readable[:n] & readable[n:]) | left_below | right_below
    if np.count_nonzero(used) < SHOULDER_READABLE * n:
        return None
    top[below] = h
    drop = float(np.median(top[n:][used] - top[:n][used]))
    slope = math.degrees(math.atan2(drop, 2 * float(np.median(d[used]))))
    return slope, bool(left_below.any() or right_below.any())


@check("pose.shoulders", 3, Bound(Measure("shoulders", "deg"), high=WARN_SHOULDERS, symmetric=True))
def shoulders(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    line = shoulder_line(a.faces.person_mask, a.points, a.iod)
    if line is None or (line[1] and abs(line[0]) <= WARN_SHOULDERS):
        # Hair over the shoulders, or a frame that ends above them (or a shoulder below the
        # frame by too little to tell): nothing to judge, and nothing guessed.
        return Outcome(Status.NOT_EVALUATED, None, "not_visible")
    slope = line[0]
    value = round(slope, 1)
    # Warn only: a person judges whether the shoulders are square (the outline of clothing
    # and a natural slope of the shoulders read as much as a turned body does).
    if abs(slope) > WARN_SHOULDERS:
        return warned(value, "maybe_not_square", angle=round(abs(slope)))
    return passed(value)
