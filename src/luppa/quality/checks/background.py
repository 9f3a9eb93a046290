"""Decree 6 §: a plain, even, neutral and light background."""

from __future__ import annotations

import cv2
import numpy as np

from ..analysis import Analysis
from ..definition import Bound, Measure
from ..registry import Outcome, Status, check, failed, passed, warned
from ..stats import percentile
from ..thresholds import threshold

# Share of background pixels on an edge (objects, patterns, texture).
MAX_EDGES = threshold("background.max_edges")
WARN_EDGES = threshold("background.warn_edges")
# Mean absolute deviation of lightness from its own smooth trend (blotches, texture).
MAX_TEXTURE = threshold("background.max_texture")
# Colour difference (OpenCV Lab units, ~ΔE) from the background's median colour, which a
# tenth of the background exceeds, measured at quarter resolution where grain averages out.
# A plain backdrop, even with a lighting fall-off, stays within ~15; bokeh, blurred rooms,
# foliage and clear gradients exceed it.
MAX_VARIATION = threshold("background.max_variation")
WARN_VARIATION = threshold("background.warn_variation")
# OpenCV L (0–255). A grey card at L* 55 is the darkest we still call light.
MIN_LIGHTNESS = threshold("background.min_lightness")
WARN_LIGHTNESS = threshold("background.warn_lightness")
# Chroma (distance of a, b from neutral) of the background.
MAX_CHROMA = threshold("background.max_chroma")
WARN_CHROMA = threshold("background.warn_chroma")


def _not_found() -> Outcome:
    return Outcome(Status.NOT_EVALUATED, None, "not_found")


def texture(a: Analysis, mask: np.ndarray) -> tuple[float, float]:
    """Edges, and the deviation of grey from its own smooth trend, over the background at
    half resolution: loose hair strands and film grain fade there, objects, patterns and
    blotches remain. `mask` is the background at half size."""
    half = a.half_gray
    edges = cv2.Canny(half, 25, 75)
    # The smooth trend at quarter size (a Gaussian of 8 px is one of 2 px there), brought back.
    h, w = half.shape
    quarter = cv2.resize(half[: h - h % 2, : w - w % 2], (w // 2, h // 2),
                         interpolation=cv2.INTER_AREA).astype(np.float32)  # fmt: skip
    trend = cv2.resize(cv2.GaussianBlur(quarter, (0, 0), 2), (w, h), interpolation=cv2.INTER_LINEAR)
    deviation = cv2.absdiff(half.astype(np.float32), trend)
    # The share of edge pixels by counting (what the mean of the gathered booleans was).
    mask_u8 = mask.view(np.uint8)
    edge_share = cv2.countNonZero(cv2.bitwise_and(edges, mask_u8)) / cv2.countNonZero(mask_u8)
    return edge_share, float(deviation[mask].mean())


def variation(a: Analysis) -> float:
    """Smooth clutter: how far the background's colours spread at quarter resolution."""
    mask = a.quarter_background
    if mask is None or np.count_nonzero(mask) < 20:
        return 0.0
    # Squared distances from the median colour over the whole quarter image at once, then
    # only the background's kept. Every term is a multiple of a quarter far below 2^24, so
    # float32 holds them exactly in any order of summation.
    offsets = cv2.subtract(a.quarter_lab.astype(np.float32), (*a.background_lab.tolist(), 0.0))
    squared = cv2.transform(cv2.multiply(offsets, offsets), np.ones((1, 3), np.float32))
    distance = np.sqrt(squared[mask])
    return percentile(distance, 90)


@check(
    "background.plain",
    6,
    Bound(Measure("edges", "percent"), high=MAX_EDGES),
    Bound(Measure("texture"), high=MAX_TEXTURE),
    Bound(Measure("variation"), high=MAX_VARIATION),
)
def plain(a: Analysis) -> Outcome:
    mask = a.half_background
    if mask is None:
        return _not_found()
    edges, dev = texture(a, mask)
    spread = variation(a)
    value = {"edges": round(edges, 4), "texture": round(dev, 2), "variation": round(spread, 1)}
    if edges > MAX_EDGES or dev > MAX_TEXTURE or spread > MAX_VARIATION:
        return failed(value, "busy")
    if edges > WARN_EDGES or spread > WARN_VARIATION:
        return warned(value, "maybe_busy")
    return passed(value)


@check(
    "background.light",
    6,
    Bound(Measure("lightness", "level"), low=MIN_LIGHTNESS),
    Bound(Measure("chroma"), high=MAX_CHROMA),
)
def light(a: Analysis) -> Outcome:
    lab = a.background_lab
    if lab is None:
        return _not_found()
    lightness = float(lab[0])
    chroma = float(np.hypot(lab[1] - 128.0, lab[2] - 128.0))
    value = {"lightness": round(lightness), "chroma": round(chroma, 1)}
    if lightness < MIN_LIGHTNESS:
        return failed(value, "dark")
    if chroma > MAX_CHROMA:
        return failed(value, "coloured")
    if lightness < WARN_LIGHTNESS or chroma > WARN_CHROMA:
        return warned(value, "borderline")
    return passed(value)
