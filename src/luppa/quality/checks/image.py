"""Decree 8 §: sharp over the whole face, no graininess, no colour errors."""

from __future__ import annotations

import cv2
import numpy as np

from ..analysis import Analysis
from ..definition import Bound, Measure
from ..registry import Outcome, check, failed, graded, no_face, passed
from ..stats import median_f32
from ..thresholds import threshold

# Crété et al.'s no-reference blur measure: 0 sharp, 1 fully blurred.
MAX_BLUR = threshold("image.max_blur")
WARN_BLUR = threshold("image.warn_blur")
# Estimated noise standard deviation in smooth areas (8-bit levels).
MAX_NOISE = threshold("image.max_noise")
WARN_NOISE = threshold("image.warn_noise")
# Chroma of what should be neutral (the background), and the skin's hue range.
MAX_CAST = threshold("image.max_cast")
WARN_CAST = threshold("image.warn_cast")


# floor(d / 9) of every 8-bit level: d < 9 x exactly when floor(d / 9) < x, for whole x.
_NINTHS = (np.arange(256) // 9).astype(np.uint8)


def blur_measure(gray: np.ndarray) -> float:
    """The share of the image's own variation that survives a 9-tap box blur (Crété 2007).

    In integers, exactly: the blur is a sum of 9 pixels (a ninth of it is the mean), so nine
    times each step of the photo against the step of that sum loses no fraction. A step of
    the 9-pixel sum is the difference of the two pixels 9 apart that enter and leave it
    (with the box filter's mirrored border), so every step is an 8-bit absolute difference,
    and the loss max(0, 9 d_f - d_s) is summed where d_s < 9 d_f: all in 8-bit passes."""
    g = np.ascontiguousarray(gray)
    results = []
    for axis in (0, 1):
        if axis == 0:
            padded = cv2.copyMakeBorder(g, 4, 4, 0, 0, cv2.BORDER_REFLECT_101)
            d_f = cv2.absdiff(g[1:], g[:-1])
            d_s = cv2.absdiff(padded[9:], padded[:-9])
        else:
            padded = cv2.copyMakeBorder(g, 0, 0, 4, 4, cv2.BORDER_REFLECT_101)
            d_f = cv2.absdiff(g[:, 1:], g[:, :-1])
            d_s = cv2.absdiff(padded[:, 9:], padded[:, :-9])
        s_f = int(cv2.sumElems(d_f)[0])
        if s_f <= 0:
            return 1.0
        # 9 v = max(0, 9 d_f - d_s): each step's loss to the blur, nine times over.
        losing = cv2.compare(cv2.LUT(d_s, _NINTHS), d_f, cv2.CMP_LT)
        lost9 = 9 * int(cv2.sumElems(cv2.bitwise_and(d_f, losing))[0]) - int(
            cv2.sumElems(cv2.bitwise_and(d_s, losing))[0]
        )
        results.append((s_f - lost9 / 9) / s_f)
    return max(results)


@check("image.sharpness", 8, Bound(Measure("blur"), high=MAX_BLUR))
def sharpness(a: Analysis) -> Outcome:
    if a.face_box is None:
        return no_face()
    x0, y0, x1, y1 = a.face_box
    value = round(blur_measure(a.gray[y0:y1, x0:x1]), 3)
    return graded(value, MAX_BLUR, WARN_BLUR, "blurred", "soft")


# Noise is judged on bands of rows (BAND rows every 2 * BAND): half the pixels, the same
# statistic, half the filtering cost.
BAND = 32


# Immerkær's kernel [[1, -2, 1], [-2, 4, -2], [1, -2, 1]] is this row times this column.
_IMMERKAER = np.array([1, -2, 1], np.float32)


def noise_sigma(gray: np.ndarray) -> float:
    """Immerkær's fast noise estimate, over smooth areas only (edges would count as noise).

    In integers: the filter's response and the Sobel steps are whole numbers, and the
    gradient's square (a whole number below 2^24, exact in float32) is compared with the
    smallest square whose float32 square root reaches the threshold. (cv2.magnitude's square
    root is not correctly rounded and differs with the array's address in memory, and many
    pixels share a gradient such as the root of 50: the same photo measured differently.)"""
    h, w = gray.shape
    if h >= 4 * BAND:
        # Each band keeps a row above and below for the 3x3 filters, trimmed afterwards.
        starts = range(0, h - BAND - 2, 2 * BAND)
        f = np.concatenate([gray[y : y + BAND + 2] for y in starts])
    else:
        starts, f = [0], np.ascontiguousarray(gray)
    response = cv2.absdiff(cv2.sepFilter2D(f, cv2.CV_16S, _IMMERKAER, _IMMERKAER), 0)
    dx, dy = cv2.spatialGradient(f)
    # Squared straight from the 16-bit steps into float32 (no converted copies first).
    squared = cv2.multiply(dx, dx, dtype=cv2.CV_32F)
    squared += cv2.multiply(dy, dy, dtype=cv2.CV_32F)
    rows = f.shape[0] // len(starts)
    # The smoother half of the image: its threshold from every 4th pixel (of each band
    # without its extra rows and the outer columns) is as good and costs a sixteenth of a
    # full median.
    threshold = median_f32(np.sqrt(squared.reshape(len(starts), rows, w)[:, 1:-1:4, 1:-1:4]))
    # Masks over the whole filtered stack (the trimmed rows and columns left out), so that
    # OpenCV counts and averages in place, without gathering the pixels.
    smooth = cv2.compare(squared, float(_first_square_reaching(threshold)), cv2.CMP_LT)
    _trim(smooth.reshape(len(starts), rows, w))
    if cv2.countNonZero(smooth) < 500:
        smooth = np.full_like(smooth, 255)
        _trim(smooth.reshape(len(starts), rows, w))
    # An integer sum over a whole count: exact, whatever the order. (The masked copy and an
    # unmasked sum cost a fifth of cv2.mean's masked 16-bit path; the quotient is the same.)
    total = cv2.sumElems(cv2.bitwise_and(response, response, mask=smooth))[0]
    mean = total / cv2.countNonZero(smooth)
    return float(np.sqrt(np.pi / 2) * mean / 6.0)


def _first_square_reaching(threshold: np.float32) -> int:
    """The smallest whole s whose float32 square root is >= threshold: a gradient is below
    the threshold exactly when its square is below s (the root is monotonic)."""
    s = max(0, int(np.floor(float(threshold) ** 2)) - 2)
    while s > 0 and np.sqrt(np.float32(s - 1)) >= threshold:
        s -= 1
    while np.sqrt(np.float32(s)) < threshold:
        s += 1
    return s


def _trim(stack: np.ndarray) -> None:
    """Leave out each band's extra rows and the outer columns (where the 3x3 filters see
    the border) from a band-by-band mask."""
    stack[:, 0], stack[:, -1], stack[:, :, 0], stack[:, :, -1] = 0, 0, 0, 0


@check("image.noise", 8, Bound(Measure("noise"), high=MAX_NOISE))
def noise(a: Analysis) -> Outcome:
    return graded(round(noise_sigma(a.gray), 2), MAX_NOISE, WARN_NOISE, "grainy", "slightly_grainy")


# A background at least this light (OpenCV L; L* about 78) is a white or light-grey backdrop
# whose tint is the colour of the light. A darker or coloured wall is not a neutral reference:
# that is background.light's business, never a colour error of the photo.
NEUTRAL_REFERENCE_L = threshold("image.neutral_reference_l")


def colour_cast(a: Analysis) -> float:
    """Tint of a light backdrop, the one neutral reference a portrait reliably has; 0 when
    there is none (the face alone then speaks, through skin_unnatural). Clothing never
    counts: it is neither background nor skin."""
    lab = a.background_lab
    if lab is None or float(lab[0]) < NEUTRAL_REFERENCE_L:
        return 0.0
    return float(np.hypot(lab[1] - 128.0, lab[2] - 128.0))


def skin_unnatural(a: Analysis) -> bool:
    if a.skin_lab is None:
        return False
    da, db = float(a.skin_lab[1] - 128), float(a.skin_lab[2] - 128)
    # Skin of every tone lies in the red-yellow quadrant; green or blue skin is a colour error.
    # Grey skin (a black-and-white photo saved in RGB) is allowed by the decree.
    return da < -2 or db < -4 or np.hypot(da, db) > 50


@check("image.colour", 8, Bound(Measure("colour_cast"), high=MAX_CAST))
def colour(a: Analysis) -> Outcome:
    if a.photo.greyscale:
        return passed(0.0, "greyscale")
    cast = round(colour_cast(a), 1)
    if skin_unnatural(a):
        return failed(cast, "cast")
    return graded(cast, MAX_CAST, WARN_CAST, "cast", "slight_cast")
