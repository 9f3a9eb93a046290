"""Live photo: each camera frame the browser posts is checked with luppa.quality and answered
with what the customer should fix; a frame with nothing to fix is framed to 500×653 by the
same code as `luppa frame`, and offered for approval only when the framed photo passes the
kiosk's required checks.

The background and its light are the kiosk booth's, not the customer's, so their checks are
not required here (they stay in the photo's stored results for the officer).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..quality import Report, Status, UnreadablePhoto, assess
from ..quality.frame import FrameError, frame

# What the customer can fix, in the order it is worth saying: one hint at a time.
HINTS = (
    ("face.single", "none", "look_at_camera"),
    ("face.single", "many", "one_person"),
    ("accessories.glasses", "", "glasses"),
    ("accessories.head_covering", "", "head_covering"),
    ("pose.straight", "", "head_straight"),
    ("pose.gaze", "", "look_at_camera"),
    ("expression.eyes_open", "", "eyes_open"),
    ("expression.mouth_closed", "", "neutral"),
    ("expression.neutral", "", "neutral"),
    ("face.hands", "", "hands"),
)
FRAME_HINTS = {
    "frame.face_too_small": "closer",
    "frame.low_resolution": "closer",
    "frame.does_not_fit": "centre",
    "frame.no_face": "look_at_camera",
    "frame.many_faces": "one_person",
}
# The framed photo must pass these (everything the customer or the framing decides).
REQUIRED = (
    "format.jpeg", "format.dimensions", "format.file_size", "face.single", "face.hands",
    "geometry.centre_line", "geometry.crown_to_chin", "geometry.crown_margin",
    "geometry.chin_margin", "pose.straight", "pose.gaze", "expression.eyes_open",
    "expression.mouth_closed", "expression.neutral", "face.eyes_visible",
    "accessories.glasses", "accessories.head_covering", "lighting.exposure", "image.sharpness",
)  # fmt: skip


@dataclass
class FrameResult:
    hint: str = ""  # the one thing to fix, "" when the photo is ready
    photo: bytes = b""  # the framed 500×653 JPEG when ready
    failed: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return bool(self.photo)


def _first_hint(report: Report) -> str:
    failed = {c.id: c for c in report.checks if c.status is Status.FAIL}
    for check_id, variant, hint in HINTS:
        found = failed.get(check_id)
        if found is None:
            continue
        if variant and not found.message_key.endswith(variant):
            continue
        return hint
    return ""


def check_frame(data: bytes) -> FrameResult:
    """The guidance for one camera frame (a JPEG from the browser's canvas)."""
    try:
        raw = assess(data, "frame.jpg")
    except UnreadablePhoto:
        return FrameResult(hint="look_at_camera")
    if raw.error_key:
        return FrameResult(hint="look_at_camera")
    if hint := _first_hint(raw):
        return FrameResult(hint=hint)
    try:
        framed = frame(data)
    except FrameError as exc:
        return FrameResult(hint=FRAME_HINTS.get(exc.key, "centre"))
    except UnreadablePhoto:
        return FrameResult(hint="look_at_camera")
    failed = [c.id for c in framed.report.checks if c.id in REQUIRED and c.status is Status.FAIL]
    if failed:
        return FrameResult(hint=_first_hint(framed.report) or "still", failed=failed)
    return FrameResult(photo=framed.jpeg)
