"""Decree 5 §: eyes clearly visible; glasses without reflections or frames over the eyes."""

from __future__ import annotations

import cv2
import numpy as np

from ..analysis import Analysis
from ..landmarks import EYES, NOSE_BRIDGE, eye_openings
from ..registry import Outcome, check, failed, no_face, passed, warned

# Mean vertical-gradient strength on the nose bridge between the eyes, per the face's
# contrast: a glasses bridge draws a horizontal line there, bare skin does not.
GLASSES_BRIDGE = 0.45
# Share of near-white pixels around the eyes (lens reflections), catchlights excluded.
MAX_REFLECTION = 0.02


def bridge_score(a: Analysis) -> float:
    p = a.points
    iod = a.iod
    x, y = p[NOSE_BRIDGE, :2]
    half_w, half_h = max(2, int(0.12 * iod)), max(3, int(0.18 * iod))
    y0, y1 = int(y - half_h), int(y + half_h)
    x0, x1 = int(x - half_w), int(x + half_w)
    region = a.gray[max(0, y0) : y1, max(0, x0) : x1].astype(np.float32)
    if region.size < 20:
        return 0.0
    gy = np.abs(cv2.Sobel(region, cv2.CV_32F, 0, 1, ksize=3))
    gx = np.abs(cv2.Sobel(region, cv2.CV_32F, 1, 0, ksize=3))
    row_strength = gy.mean(axis=1).max()
    contrast = float(np.percentile(a.gray, 95) - np.percentile(a.gray, 5)) + 1.0
    return float((row_strength - gx.mean()) / contrast)


def reflection_share(a: Analysis) -> float:
    mask = np.zeros(a.shape, np.uint8)
    iris = np.zeros(a.shape, np.uint8)
    for eye in EYES:
        c = a.points[eye.iris_centre, :2]
        cv2.ellipse(mask, (round(c[0]), round(c[1])), (round(0.5 * a.iod), round(0.35 * a.iod)),
                    0, 0, 360, 1, -1)  # fmt: skip
        cv2.circle(iris, (round(c[0]), round(c[1])), round(0.14 * a.iod), 1, -1)
    # Eye whites are bright too; only what lies outside the eye openings can be a lens glare.
    region = mask.astype(bool) & ~iris.astype(bool) & ~eye_openings(a.points, a.shape, 3)
    hsv = cv2.cvtColor(a.rgb, cv2.COLOR_RGB2HSV)
    value = hsv[..., 2]
    skin = float(np.median(value[a.skin])) if a.skin is not None else 200.0
    bright = (value >= max(235, skin + 30)) & (hsv[..., 1] <= 50)
    return float(bright[region].mean()) if region.any() else 0.0


@check("accessories.glasses", "5 §", f"no lens reflections (≤ {MAX_REFLECTION:.0%})")
def glasses(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    score = bridge_score(a)
    reflections = reflection_share(a)
    value = {"glasses": round(score, 2), "reflections": round(reflections, 3)}
    wearing = score > GLASSES_BRIDGE
    if reflections > MAX_REFLECTION:
        return failed(value, "reflections" if wearing else "bright_eyes")
    if wearing:
        return warned(value, "seen")
    return passed(value)
