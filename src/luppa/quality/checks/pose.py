"""Decree 3 §: head straight, face and gaze straight at the camera."""

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
