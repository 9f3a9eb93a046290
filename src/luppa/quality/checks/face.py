"""Decree 6 §: the subject alone in the photo."""

from __future__ import annotations

from ..analysis import Analysis
from ..registry import Outcome, check, failed, passed


@check("face.single", "6 §", "1 face")
def single(a: Analysis) -> Outcome:
    count = a.faces.face_count
    if count == 0 or a.points is None:
        return failed(count, "none")
    if count > 1:
        return failed(count, "many", count=count)
    return passed(count)
