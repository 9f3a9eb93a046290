"""Decree 7 §: even, natural lighting; no shadows, hot spots or red-eye; correct exposure."""

from __future__ import annotations

import math

import cv2
import numpy as np

from ..analysis import Analysis
from ..definition import Bound, Measure
from ..landmarks import EYES
from ..registry import Outcome, check, failed, graded, no_face, passed, warned
from ..stats import histogram_median, histogram_u8, percentile
from ..thresholds import threshold

# Face (skin) lightness, OpenCV L 0–255. Deliberately wide: skin tones differ a lot.
MIN_FACE_L = threshold("lighting.min_face_l")
MAX_FACE_L = threshold("lighting.max_face_l")
# The brightest 1 % of the whole photo: a light background must reach this.
MIN_HIGHLIGHT = threshold("lighting.min_highlight")
# Share of skin pixels that are crushed to black or blown to white.
MAX_CLIPPED = threshold("lighting.max_clipped")
SKIN_P90_WASHED = threshold("lighting.skin_p90_washed")
MAYBE_LIGHT_FACE_L = threshold("lighting.maybe_light_face_l")
# Difference between mirror skin patches of the lit and the shaded side, per the lit one.
# Studio modelling (a key light to one side) darkens the far cheek by up to ~0.3 in OpenCV L;
# a side shadow that hides one half of the face is 0.4 or more.
MAX_SIDE_DIFF = threshold("lighting.max_side_diff")
WARN_SIDE_DIFF = threshold("lighting.warn_side_diff")
# Share of skin that is a specular highlight: near white, and well above the skin's median.
HOT_LEVEL = threshold("lighting.hot_level")
HOT_ABOVE_SKIN = threshold("lighting.hot_above_skin")
MAX_HOT = threshold("lighting.max_hot")
WARN_HOT = threshold("lighting.warn_hot")
# Share of pupil pixels that are saturated red.
MAX_RED_PUPIL = threshold("lighting.max_red_pupil")


@check(
    "lighting.exposure",
    7,
    Bound(Measure("face", "level"), low=MIN_FACE_L, high=MAX_FACE_L),
    Bound(Measure("highlight", "level"), low=MIN_HIGHLIGHT),
    Bound(Measure("clipped", "percent"), high=MAX_CLIPPED),
)
def exposure(a: Analysis) -> Outcome:
    if a.face_skin is None:
        return no_face()
    # The skin's lightness as a histogram: its mean, and the clipped shares, by counting.
    hist = a.skin_histograms[0]
    n = int(hist.sum())
    total = int(hist @ _LEVELS)
    if total < 2**24:
        # The mean as np.mean of the float32 values always gave it: below 2^24 their float32
        # sum is exact in any order; numpy divides it by an intp count, back to float32.
        face = float(np.float32(np.float32(total) / np.intp(n)))
    else:
        face = float(np.mean(_skin_lightness(a)))
    highlight = _percentile_u8(a.quarter_lab, 99)
    dark = float(hist[:15].sum()) / n
    blown = float(hist[251:].sum()) / n
    value = {"face": round(face), "highlight": round(highlight), "clipped": round(dark + blown, 3)}
    if face < MIN_FACE_L or highlight < MIN_HIGHLIGHT or dark > MAX_CLIPPED:
        return failed(value, "dark")
    if face > MAX_FACE_L or blown > MAX_CLIPPED or _washed_out(a):
        return failed(value, "light")
    if _background_burnt(a) and face >= MAYBE_LIGHT_FACE_L:
        # Could be over-exposure of a darker face, or a deliberate white studio backdrop:
        # one photo cannot tell them apart, so the photographer is asked to look.
        return warned(value, "maybe_light")
    return passed(value)


_LEVELS = np.arange(256, dtype=np.float64)


def _skin_lightness(a: Analysis) -> np.ndarray:
    """The face's skin lightness values, float32, in the skin mask's order."""
    return a.face_lab[..., 0][a.face_skin].astype(np.float32)


def _percentile_u8(lab: np.ndarray, q: float) -> float:
    """A percentile of the 8-bit L channel from its histogram: no sort of the whole image."""
    hist = histogram_u8(lab, 0)
    return float(np.searchsorted(np.cumsum(hist), q / 100 * hist.sum()))


def _background_burnt(a: Analysis) -> bool:
    return a.background_lab is not None and float(a.background_lab[0]) >= 250


def _washed_out(a: Analysis) -> bool:
    """Background burnt to pure white and the face's brighter tenth near white with it:
    over-exposure on any skin tone, where the face's mean alone misses darker skin."""
    return _background_burnt(a) and percentile(_skin_lightness(a), 90) >= SKIN_P90_WASHED


# Mirror pairs of mesh points on the cheeks, temples, forehead and jaw (image left, right).
# Comparing the same skin on both sides keeps a turned head's foreshortened cheek, or a
# beard on the jaw, from looking like a shadow.
SYMMETRIC_PAIRS = (
    (50, 280), (101, 330), (205, 425), (187, 411), (123, 352), (147, 376), (117, 346),
    (118, 347), (36, 266), (67, 297), (104, 333), (69, 299), (58, 288), (172, 397),
)  # fmt: skip


_PATCH_POINTS = np.array(SYMMETRIC_PAIRS).ravel()


def patch_medians(a: Analysis, indices: np.ndarray, r: int) -> list[float | None]:
    """Median face lightness (OpenCV L) of the skin in the square of radius r around each
    mesh point, or None where fewer than 4 skin pixels lie in it: all squares at once, as
    one histogram per square. Skin lies only inside face_region, so the squares are read
    there; what falls outside is not skin."""
    x0, y0 = a.face_region[:2]
    skin = a.face_skin
    h, w = skin.shape
    n = len(indices)
    # np.rint rounds halves to even, as Python's round() does.
    centres = np.rint(a.points[indices, :2]).astype(np.int64) - (x0, y0)
    offsets = np.arange(-r, r + 1)
    ys = (centres[:, 1, None] + offsets)[:, :, None]  # point, row, 1
    xs = (centres[:, 0, None] + offsets)[:, None, :]  # point, 1, column
    inside = ((ys >= 0) & (ys < h) & (xs >= 0) & (xs < w)).reshape(n, -1)
    flat = (np.clip(ys, 0, h - 1) * w + np.clip(xs, 0, w - 1)).reshape(n, -1)
    chosen = skin.ravel()[flat] & inside
    light = a.face_lab.reshape(-1, 3)[flat[chosen], 0]
    # Each square's histogram of its skin levels, all squares in one count.
    square = np.broadcast_to(np.arange(n)[:, None] * 256, flat.shape)[chosen]
    cumulative = np.bincount(square + light, minlength=n * 256).reshape(n, 256).cumsum(axis=1)
    counts = cumulative[:, -1]
    # The k-th smallest value (from 0) is the number of levels whose cumulative count is <= k.
    low = (cumulative <= (np.maximum(counts - 1, 0) // 2)[:, None]).sum(axis=1)
    high = (cumulative <= (counts // 2)[:, None]).sum(axis=1)
    # The mean of the two middle values, as np.median takes it (exact: halves of integers).
    return [
        float(lo + hi) / 2 if c >= 4 else None
        for lo, hi, c in zip(low.tolist(), high.tolist(), counts.tolist(), strict=True)
    ]


def side_difference(a: Analysis) -> float:
    """How much darker one side of the face is: the median over mirror pairs of skin patches
    of the signed difference per the brighter patch, so a shadow must cover one side as a
    whole, not one patch (a mole, a strand of hair, a catch of the modelling light)."""
    r = max(2, round(0.07 * a.iod))
    medians = patch_medians(a, _PATCH_POINTS, r)
    diffs = []
    for k in range(len(SYMMETRIC_PAIRS)):
        sides = medians[2 * k : 2 * k + 2]
        if None in sides:
            continue
        lo, hi = sorted(sides)
        diffs.append(np.sign(sides[1] - sides[0]) * (hi - lo) / max(hi, 1.0))
    if len(diffs) < 4:
        return 0.0
    return abs(float(np.median(diffs)))


@check("lighting.even", 7, Bound(Measure("side_difference", "percent"), high=MAX_SIDE_DIFF))
def even(a: Analysis) -> Outcome:
    if a.face_skin is None:
        return no_face()
    diff = round(side_difference(a), 3)
    return graded(
        diff, MAX_SIDE_DIFF, WARN_SIDE_DIFF, "shadow", "slight_shadow", percent=round(diff * 100)
    )


@check("lighting.hot_spots", 7, Bound(Measure("specular_skin", "percent"), high=MAX_HOT))
def hot_spots(a: Analysis) -> Outcome:
    if a.face_skin is None:
        return no_face()
    # A hot spot is glare standing out from the skin around it; evenly bright pale skin is
    # a matter of exposure, not of hot spots.
    # Only skin is read: the colours of the skin's own bounding box (in face_skin's frame,
    # face_region), a good deal smaller than the face's (no forehead above the brows, no
    # chin, the eroded oval's sides).
    fx, fy = a.face_region[:2]
    sx, sy, sw, sh = cv2.boundingRect(a.face_skin.view(np.uint8))
    crop = np.ascontiguousarray(a.rgb[fy + sy : fy + sy + sh, fx + sx : fx + sx + sw])
    hsv = cv2.cvtColor(crop, cv2.COLOR_RGB2HSV)
    skin = a.face_skin[sy : sy + sh, sx : sx + sw]
    # The skin's median from its histogram, the share with counts: no gather of the pixels.
    level = max(HOT_LEVEL, histogram_median(histogram_u8(hsv, 2, skin)) + HOT_ABOVE_SKIN)
    # Value >= level (whole levels: from its ceiling) and saturation <= 40, on the skin.
    hot = cv2.inRange(hsv, (0, 0, math.ceil(level)), (255, 40, 255))
    skin_u8 = skin.view(np.uint8)
    spec = cv2.countNonZero(cv2.bitwise_and(hot, skin_u8))
    share = spec / cv2.countNonZero(skin_u8)
    return graded(round(float(share), 4), MAX_HOT, WARN_HOT, "found", "some")


# Where the pupil disc is looked for: at the mesh's iris centre and one pixel to each side. The
# mesh places the centre a pixel differently when anything else in the photo changes (a model
# version, a backdrop). One pixel, not more: the largest share over the positions can only
# rise, and a search of 0.2-0.4 iris radii (1-3 px) reached lid skin that is red in
# over-exposed and colour-cast photos and on closed eyes (bench/check_values.py: 3-7 new
# fails in 736 photos).
RED_OFFSETS = ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1))


def red_pupil_share(a: Analysis) -> float:
    """The largest share of saturated red in a disc of 0.6 iris radii (the pupil) at any of
    RED_OFFSETS from the mesh's iris centre, over both eyes. At the centre itself this is the
    share the check read before the search (a value can only rise)."""
    shares = []
    h, w = a.rgb.shape[:2]
    for eye in EYES:
        centre = a.points[eye.iris_centre, :2]
        radius = np.mean(np.linalg.norm(a.points[list(eye.iris_ring), :2] - centre, axis=1))
        r = max(1, round(0.6 * radius))
        cx, cy = round(float(centre[0])), round(float(centre[1]))
        # The window every searched disc lies in (one pixel wider than the disc on each side),
        # padded where it leaves the photo: the padding is neither red nor counted.
        wx0, wy0, side = cx - r - 1, cy - r - 1, 2 * r + 3
        x0, y0 = max(0, wx0), max(0, wy0)
        x1, y1 = min(w, wx0 + side), min(h, wy0 + side)
        if x1 <= x0 or y1 <= y0:
            continue
        px = a.rgb[y0:y1, x0:x1].astype(np.int32)
        red, green, blue = px[..., 0], px[..., 1], px[..., 2]
        is_red = np.zeros((side, side), bool)
        inside = np.zeros((side, side), bool)
        is_red[y0 - wy0 : y1 - wy0, x0 - wx0 : x1 - wx0] = (
            (red > 90) & (red > 1.7 * green) & (red > 1.7 * blue)
        )
        inside[y0 - wy0 : y1 - wy0, x0 - wx0 : x1 - wx0] = True
        disc = np.zeros((2 * r + 1, 2 * r + 1), np.uint8)
        cv2.circle(disc, (r, r), r, 1, -1)
        disc = disc.astype(bool)
        best = None
        for dx, dy in RED_OFFSETS:
            rows, cols = slice(1 + dy, 2 + dy + 2 * r), slice(1 + dx, 2 + dx + 2 * r)
            counted = disc & inside[rows, cols]
            n = np.count_nonzero(counted)
            if n:
                share = np.count_nonzero(counted & is_red[rows, cols]) / n
                best = share if best is None else max(best, share)
        if best is not None:
            shares.append(float(best))
    return max(shares, default=0.0)


@check("lighting.red_eye", 7, Bound(Measure("red_pupil", "percent"), high=MAX_RED_PUPIL))
def red_eye(a: Analysis) -> Outcome:
    if a.points is None:
        return no_face()
    if a.photo.greyscale:
        return passed(0.0)
    share = round(red_pupil_share(a), 3)
    if share > MAX_RED_PUPIL:
        return failed(share, "found")
    return passed(share)
