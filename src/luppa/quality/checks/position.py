"""Decree 2 §: head size and position in the 500x653 frame. Hair and beard do not count."""

from __future__ import annotations

from ..analysis import Analysis
from ..definition import Bound, Measure
from ..limits import CENTRE_MAX_OFFSET, CHIN_MARGIN, CROWN_MARGIN, CROWN_TO_CHIN
from ..registry import Outcome, check, failed, no_face, not_in_frame, passed, warned
from ..thresholds import threshold

# The crown hides under hair and is estimated (see geometry.py); just outside a band by this
# much, a crown-based measure is borderline and the photographer checks the guide lines.
CROWN_UNCERTAINTY = threshold("position.crown_uncertainty")


def _band(
    value: float, band: tuple[int, int], low_key: str, high_key: str, tolerance: int = 0
) -> Outcome:
    v = round(value)
    lo, hi = band
    if lo - tolerance <= v < lo:
        return warned(v, f"{low_key}_borderline", low=lo, high=hi)
    if hi < v <= hi + tolerance:
        return warned(v, f"{high_key}_borderline", low=lo, high=hi)
    if v < lo:
        return failed(v, low_key, low=lo, high=hi)
    if v > hi:
        return failed(v, high_key, low=lo, high=hi)
    return passed(v, low=lo, high=hi)


def _geometry(a: Analysis):
    if a.points is None:
        return None, no_face()
    if a.geometry is None:
        return None, not_in_frame()
    return a.geometry, None


@check("geometry.centre_line", 2, Bound(Measure("centre_offset", "px"), high=CENTRE_MAX_OFFSET))
def centre_line(a: Analysis) -> Outcome:
    g, skip = _geometry(a)
    if skip:
        return skip
    offset = round(g.centre_offset, 1)
    if offset > CENTRE_MAX_OFFSET:
        side = "left" if g.centre_x < g.width / 2 else "right"
        return failed(offset, f"off_{side}", limit=CENTRE_MAX_OFFSET)
    return passed(offset, limit=CENTRE_MAX_OFFSET)


@check(
    "geometry.crown_to_chin",
    2,
    Bound(Measure("crown_to_chin", "px"), low=CROWN_TO_CHIN[0], high=CROWN_TO_CHIN[1]),
)
def crown_to_chin(a: Analysis) -> Outcome:
    g, skip = _geometry(a)
    return skip or _band(
        g.crown_to_chin, CROWN_TO_CHIN, "too_small", "too_large", CROWN_UNCERTAINTY
    )


@check(
    "geometry.crown_margin",
    2,
    Bound(Measure("crown_margin", "px"), low=CROWN_MARGIN[0], high=CROWN_MARGIN[1]),
)
def crown_margin(a: Analysis) -> Outcome:
    g, skip = _geometry(a)
    return skip or _band(g.crown_margin, CROWN_MARGIN, "too_high", "too_low", CROWN_UNCERTAINTY)


@check(
    "geometry.chin_margin",
    2,
    Bound(Measure("chin_margin", "px"), low=CHIN_MARGIN[0], high=CHIN_MARGIN[1]),
)
def chin_margin(a: Analysis) -> Outcome:
    g, skip = _geometry(a)
    return skip or _band(g.chin_margin, CHIN_MARGIN, "too_low", "too_high")
