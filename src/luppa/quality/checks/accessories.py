"""Decree 5 §: eyes clearly visible; glasses without reflections or frames over the eyes."""

from __future__ import annotations

import cv2
import numpy as np

from ..analysis import Analysis
from ..definition import Bound, Measure
from ..landmarks import EYES, NOSE_BRIDGE, eye_openings
from ..registry import Outcome, Status, check, failed, no_face, passed, warned
from ..thresholds import threshold
from .expression import MIN_EYE_OPEN

# Sclera against iris (landmarks.eye_contrast, OpenCV L levels). Eyes seen clearly measure
# 45-170 in real portraits, narrowed or deeply shaded ones 13-35; an eye covered by a hat,
# hair, a hand or a dark lens measures 0-14 even where the mesh still predicts it.
MIN_EYE_CONTRAST = threshold("accessories.min_eye_contrast")  # both eyes below: hidden
MIN_ONE_EYE_CONTRAST = threshold(
    "accessories.min_one_eye_contrast"
)  # one eye below: that eye is hidden
WARN_EYE_CONTRAST = threshold(
    "accessories.warn_eye_contrast"
)  # either eye below: squinting, shaded or partly covered
# The forehead band just above the brows against the face's skin (OpenCV L). Bare foreheads
# measure -30..+45 (studio light often falls brighter there); a brim, a beanie, a beret or
# hair pulled over the forehead measures -35..-135.
# A hat, a band or a fringe pulled down over both eyes (eye_cover.cover_edge): the mesh still
# predicts eyes under it, often one at its edge, where dark cover above and skin below read
# as an eye's white and iris. An edge this strong and this straight through both eyes and
# the bridge hides both eyes whatever that contrast says.
MIN_COVER_EDGE = threshold("accessories.min_cover_edge")
MAX_COVER_BEND = threshold("accessories.max_cover_bend")
MAX_FOREHEAD_DARKER = threshold("accessories.max_forehead_darker")
BROWS = (105, 334, 66, 296)  # upper brow points, both sides

# Mean vertical-gradient strength on the nose bridge between the eyes, per the face's
# contrast: a glasses bridge draws a horizontal line there, bare skin does not.
GLASSES_BRIDGE = threshold("accessories.glasses_bridge")
# Share of near-white pixels around the eyes (lens reflections), catchlights excluded.
MAX_REFLECTION = threshold("accessories.max_reflection")
# Glare: near white (HSV value) and this much brighter than its surroundings.
GLARE_LEVEL = threshold("accessories.glare_level")
GLARE_ABOVE_SURROUND = threshold("accessories.glare_above_surround")


@check("face.eyes_visible", 5, Bound(Measure("eye_contrast", "level"), low=MIN_EYE_CONTRAST))
def eyes_visible(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    cover = a.cover_edge
    if cover is not None and cover.strength >= MIN_COVER_EDGE and cover.bend <= MAX_COVER_BEND:
        # Under a cover no eye white shows, and the mesh's lids mean nothing (so not "closed").
        return failed(0.0, "hidden")
    # A shut eye shows no eye white; expression.eyes_open speaks for it.
    seen = [
        c for c, opening in zip(a.eye_contrast, a.lid_openings, strict=True)
        if opening >= MIN_EYE_OPEN
    ]  # fmt: skip
    if not seen:
        return Outcome(Status.NOT_EVALUATED, None, "closed")
    value = round(min(seen), 1)
    if max(seen) < MIN_EYE_CONTRAST:
        return failed(value, "hidden")
    if min(seen) < MIN_ONE_EYE_CONTRAST:
        return failed(value, "one_hidden")
    if min(seen) < WARN_EYE_CONTRAST:
        return warned(value, "unclear")
    return passed(value)


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
    # The photo's 5th to 95th percentile of grey, from the histogram (no full sort).
    cumulative = np.cumsum(cv2.calcHist([a.gray], [0], None, [256], [0, 256]).ravel())
    p5, p95 = np.searchsorted(cumulative, (0.05 * cumulative[-1], 0.95 * cumulative[-1]))
    contrast = float(p95 - p5) + 1.0
    return float((row_strength - gx.mean()) / contrast)


def reflection_share(a: Analysis) -> float:
    """Share of the lens area (around the eyes, outside the eye openings) that is glare: near
    white, unsaturated, and standing out from its surroundings. Evenly pale or beauty-filtered
    skin behind a lens is bright too, but it does not stand out."""
    h, w = a.shape
    centres = [a.points[eye.iris_centre, :2] for eye in EYES]
    rx, ry = round(0.5 * a.iod), round(0.35 * a.iod)
    x0 = max(0, int(min(c[0] for c in centres)) - rx - 2)
    x1 = min(w, int(max(c[0] for c in centres)) + rx + 3)
    y0 = max(0, int(min(c[1] for c in centres)) - ry - 2)
    y1 = min(h, int(max(c[1] for c in centres)) + ry + 3)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return 0.0
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    iris = np.zeros_like(mask)
    for c in centres:
        cx, cy = round(c[0]) - x0, round(c[1]) - y0
        cv2.ellipse(mask, (cx, cy), (rx, ry), 0, 0, 360, 1, -1)
        cv2.circle(iris, (cx, cy), round(0.14 * a.iod), 1, -1)
    # Eye whites are bright too; only what lies outside the eye openings can be a lens glare.
    openings = eye_openings(a.points, a.shape, 3)[y0:y1, x0:x1]
    region = mask.astype(bool) & ~iris.astype(bool) & ~openings
    if not region.any():
        return 0.0
    hsv = cv2.cvtColor(np.ascontiguousarray(a.rgb[y0:y1, x0:x1]), cv2.COLOR_RGB2HSV)
    value = hsv[..., 2]
    k = max(3, round(0.4 * a.iod)) | 1
    surround = cv2.blur(value, (k, k))
    bright = (value >= GLARE_LEVEL) & (hsv[..., 1] <= 50)
    standing_out = value.astype(np.int16) - surround.astype(np.int16) >= GLARE_ABOVE_SURROUND
    glare = (bright & standing_out).astype(np.uint8)
    # Glints on thin metal frames are lines a few pixels wide; lens glare is a patch.
    r = max(3, round(0.05 * a.iod)) | 1
    glare = cv2.morphologyEx(glare, cv2.MORPH_OPEN, np.ones((r, r), np.uint8))
    return float(glare.astype(bool)[region].mean())


@check(
    "accessories.glasses",
    5,
    Bound(Measure("reflections", "percent"), high=MAX_REFLECTION),
    measures=(Measure("glasses"),),
)
def glasses(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    score = bridge_score(a)
    wearing = score > GLASSES_BRIDGE
    reflections = reflection_share(a) if wearing else 0.0
    value = {"glasses": round(score, 2), "reflections": round(reflections, 3)}
    # Without glasses there are no lenses to reflect: catch-lights in bare eyes and shiny
    # skin are lighting.hot_spots' business, not glare.
    if wearing and reflections > MAX_REFLECTION:
        return failed(value, "reflections")
    if wearing:
        # Frame thickness and frames over the eyes are a person's judgement.
        return warned(value, "seen")
    return passed(value)


def forehead_darkness(a: Analysis) -> float | None:
    """How much darker the forehead band above the brows is than the face's skin."""
    p = a.points
    h, w = a.shape
    brow_top = float(p[list(BROWS), 1].min())
    y0, y1 = int(brow_top - 0.55 * a.iod), int(brow_top - 0.05 * a.iod)
    x0, x1 = int(p[BROWS[0], 0]), int(p[BROWS[1], 0]) + 1
    y0, y1, x0, x1 = max(0, y0), min(h, y1), max(0, min(x0, x1)), min(w, max(x0, x1))
    if a.skin_lab is None or y1 - y0 < 3 or x1 - x0 < 3:
        return None
    band = a.lightness[y0:y1, x0:x1]
    return float(a.skin_lab[0] - np.median(band))


@check(
    "accessories.head_covering",
    5,
    Bound(Measure("forehead_darker", "level"), high=MAX_FOREHEAD_DARKER),
)
def head_covering(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    darker = forehead_darkness(a)
    if darker is None:
        return Outcome(Status.NOT_EVALUATED, None, "common.no_face")
    value = round(darker)
    # A head covering is allowed for religious or customary reasons (5 §) as long as it does
    # not cover the face or cast shadows. One photo cannot tell a cap from dark hair over the
    # forehead, so this only ever asks a person to look.
    if darker > MAX_FOREHEAD_DARKER:
        return warned(value, "covered")
    return passed(value)
