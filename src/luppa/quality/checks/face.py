"""Decree 6 §: the subject alone in the photo, with no other people or parts of them."""

from __future__ import annotations

from ..analysis import Analysis
from ..definition import Measure
from ..registry import Outcome, check, failed, passed


@check("face.single", 6, measures=(Measure("faces"),))
def single(a: Analysis) -> Outcome:
    count = a.faces.face_count
    if count == 0 or a.points is None:
        return failed(count, "none")
    if count > 1:
        return failed(count, "many", count=count)
    return passed(count)


@check("face.hands", 6, measures=(Measure("hands"),))
def hands(a: Analysis) -> Outcome:
    found = len(a.hands)
    if found:
        # A helper's hand supporting a child, or the subject's own hand at the face: neither
        # may show (decree 6 §: no other people, not even a part of the one who holds a child).
        return failed(found, "found", count=found)
    return passed(0)
