"""From a camera image to a compliant 500x653 JPEG: crop and scale only, never retouch (8 §).

The head is placed in the middle of every band of decree 2 §, with freedom to move within a
safety margin of each band when the source image lacks room at an edge. The output is
measured again and corrected once if the measurement moved.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from . import geometry as geo
from .assess import assess
from .decode import ReasonedError, UnreadablePhoto, decode
from .faces import find_faces
from .limits import HEIGHT, MAX_FILE_BYTES, WIDTH
from .report import Geometry, Report

# Upscaling beyond this makes the face visibly soft (8 §: sharp over the whole face).
MAX_UPSCALE = 1.25
_DETECT_SIDE = 1000
# Targets: the middle of each band (crown 56–84 => 70, chin 96–124 => 110, head 473 px).
TARGET_CROWN = 70.0
TARGET_CHIN_MARGIN = 110.0
# How far from a band's middle the placement may go when the source lacks room.
SLACK = 8
SLACK_CENTRE = 12
QUALITIES = (95, 93, 90, 87, 85, 82, 80, 75)


class FrameError(ReasonedError):
    """The photo cannot be framed into a compliant one (no face, too small, no room)."""


@dataclass(frozen=True)
class Framed:
    jpeg: bytes
    quality: int
    scale: float
    report: Report


def _measure(rgb: np.ndarray) -> Geometry:
    h, w = rgb.shape[:2]
    d = min(1.0, _DETECT_SIDE / max(h, w))
    small = cv2.resize(rgb, (round(w * d), round(h * d)), interpolation=cv2.INTER_AREA)
    faces = find_faces(small, far=True)
    if faces.landmarks is None and faces.face_boxes:
        # The far-range detector sees a face the mesh cannot measure: a full-body or group
        # distance shot. Say so, rather than that there is no face at all.
        box = max(faces.face_boxes, key=lambda b: b[2] * b[3])
        raise FrameError(
            "frame.face_too_small", face=round(box[3] / d), needed=round(473 / MAX_UPSCALE)
        )
    if faces.landmarks is None:
        raise FrameError("frame.no_face")
    if faces.face_count > 1:
        raise FrameError("frame.many_faces", count=faces.face_count)
    g = geo.measure(faces.landmarks, faces.person_mask, small.shape[1], small.shape[0])
    return Geometry(g.crown_y / d, g.chin_y / d, g.centre_x / d, w, h)


def _placement(g: Geometry) -> tuple[float, float, float]:
    """Scale and the output position of the crown and centre that fit inside the source."""
    head = np.arange(473 - SLACK, 473 + SLACK + 1, dtype=np.float64)[:, None, None]
    crown = np.arange(TARGET_CROWN - SLACK, TARGET_CROWN + SLACK + 1)[None, :, None]
    offset = np.arange(-SLACK_CENTRE, SLACK_CENTRE + 1, dtype=np.float64)[None, None, :]
    chin_margin = HEIGHT - crown - head
    s = head / g.crown_to_chin
    x0 = g.centre_x - (WIDTH / 2 + offset) / s
    y0 = g.crown_y - crown / s
    fits = (
        (x0 >= 0)
        & (x0 + WIDTH / s <= g.width)
        & (y0 >= 0)
        & (y0 + HEIGHT / s <= g.height)
        & (np.abs(chin_margin - TARGET_CHIN_MARGIN) <= SLACK)
    )
    if not fits.any():
        raise FrameError("frame.does_not_fit", sides=_short_sides(g))
    cost = (
        ((head - 473) / SLACK) ** 2
        + ((crown - TARGET_CROWN) / SLACK) ** 2
        + ((chin_margin - TARGET_CHIN_MARGIN) / SLACK) ** 2
        + (offset / SLACK_CENTRE) ** 2
    )
    i, j, k = np.unravel_index(np.argmin(np.where(fits, cost, np.inf)), fits.shape)
    return float(head[i, 0, 0] / g.crown_to_chin), float(crown[0, j, 0]), float(offset[0, 0, k])


def _short_sides(g: Geometry) -> tuple[str, ...]:
    s = 473 / g.crown_to_chin
    sides = []
    if g.crown_y - TARGET_CROWN / s < 0:
        sides.append("top")
    if g.crown_y + (HEIGHT - TARGET_CROWN) / s > g.height:
        sides.append("bottom")
    if g.centre_x - WIDTH / 2 / s < 0:
        sides.append("left")
    if g.centre_x + WIDTH / 2 / s > g.width:
        sides.append("right")
    return tuple(sides)


def _crop(rgb: np.ndarray, g: Geometry, s: float, crown: float, offset: float) -> np.ndarray:
    x0 = g.centre_x - (WIDTH / 2 + offset) / s
    y0 = g.crown_y - crown / s
    # An affine map samples exactly the sub-pixel rectangle; blurring first avoids aliasing.
    src = rgb
    if s < 0.7:
        src = cv2.GaussianBlur(rgb, (0, 0), sigmaX=0.45 / s)
    m = np.array([[s, 0, -x0 * s], [0, s, -y0 * s]], dtype=np.float64)
    return cv2.warpAffine(
        src, m, (WIDTH, HEIGHT), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REFLECT
    )


def encode_jpeg(rgb: np.ndarray, greyscale: bool) -> tuple[bytes, int]:
    """Baseline JPEG at the highest quality that fits the size limit; no metadata at all."""
    image = Image.fromarray(rgb)
    if greyscale:
        image = image.convert("L")
    for quality in QUALITIES:
        buf = io.BytesIO()
        image.save(
            buf, "JPEG", quality=quality, optimize=True, progressive=False,
            subsampling=0 if quality >= 90 else 2,
        )  # fmt: skip
        if buf.tell() <= MAX_FILE_BYTES:
            return buf.getvalue(), quality
    raise FrameError("frame.too_large")


def _render(rgb: np.ndarray, g: Geometry) -> tuple[np.ndarray, float]:
    s, crown, offset = _placement(g)
    if s > MAX_UPSCALE:
        raise FrameError(
            "frame.low_resolution", head=round(g.crown_to_chin), needed=round(473 / MAX_UPSCALE)
        )
    return _crop(rgb, g, s, crown, offset), s


def frame(data: bytes) -> Framed:
    photo = decode(data)
    g = _measure(photo.rgb)
    out, s = _render(photo.rgb, g)
    # The landmarks of the 500x653 result are what `luppa check` will measure. Map them back
    # into the source and place once more, so the two measurements agree.
    try:
        seen = _measure(out)
        expected = _placement(g)
        x0 = g.centre_x - (WIDTH / 2 + expected[2]) / s
        y0 = g.crown_y - expected[1] / s
        refined = Geometry(
            y0 + seen.crown_y / s, y0 + seen.chin_y / s, x0 + seen.centre_x / s, g.width, g.height
        )
        out, s = _render(photo.rgb, refined)
    except FrameError:
        pass
    jpeg, quality = encode_jpeg(out, photo.greyscale)
    return Framed(jpeg=jpeg, quality=quality, scale=s, report=assess(jpeg, "framed"))


__all__ = ["FrameError", "Framed", "UnreadablePhoto", "encode_jpeg", "frame"]
