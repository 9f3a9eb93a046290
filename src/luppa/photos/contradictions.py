"""Which automatic checks speak to which checklist item of the guided steps.

Ticking "Suu on kiinni" while the mouth check failed contradicts the automatic result: the
photographer may still be right (the checks are advisory), but must confirm it on purpose.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..decree.sections import CHECK_TITLES, Step

# (step number, requirement key) -> the checks whose failure contradicts ticking it.
CHECKS_FOR_REQUIREMENT: dict[tuple[int, str], tuple[str, ...]] = {
    (1, "size"): ("format.dimensions",),
    (1, "centre"): ("geometry.centre_line",),
    (1, "crown"): ("geometry.crown_margin",),
    (1, "chin"): ("geometry.chin_margin",),
    (1, "head"): ("geometry.crown_to_chin",),
    (2, "head_straight"): ("pose.straight",),
    (2, "gaze"): ("pose.gaze",),
    (2, "shoulders"): ("pose.shoulders",),  # warns only today; a failure would contradict
    (3, "neutral"): ("expression.neutral",),
    (3, "eyes"): ("expression.eyes_open",),
    (3, "mouth"): ("expression.mouth_closed",),
    (4, "glasses_light"): ("accessories.glasses",),
    (5, "plain"): ("background.plain", "background.light"),
    (5, "alone"): ("face.single",),
    (6, "even"): ("lighting.even",),
    (6, "shadows"): ("lighting.hot_spots",),
    (6, "red_eye"): ("lighting.red_eye",),
    (6, "exposure"): ("lighting.exposure",),
    (7, "sharp"): ("image.sharpness",),
    (7, "distortion"): ("image.colour",),
    (7, "compression"): ("format.compression", "format.jpeg", "format.file_size"),
}


def failed_for_requirements(step: Step, checks: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """requirement key -> titles of the failed checks that contradict ticking it."""
    failed = {c["id"] for c in checks if c.get("status") == "fail"}
    result: dict[str, list[str]] = {}
    for key in step.requirement_keys:
        titles = [
            str(CHECK_TITLES.get(check_id, check_id))
            for check_id in CHECKS_FOR_REQUIREMENT.get((step.number, key), ())
            if check_id in failed
        ]
        if titles:
            result[key] = titles
    return result
