"""Guide lines over a photo: the decree's bands and the measured crown, chin and centre line."""

from __future__ import annotations

import cv2
import numpy as np

from .limits import CENTRE_MAX_OFFSET, CHIN_MARGIN, CROWN_MARGIN, HEIGHT, WIDTH
from .report import Geometry

BAND = (0, 170, 80)  # allowed zones, RGB
MEASURED = (220, 30, 30)
CENTRE = (30, 90, 230)


def _shade(img: np.ndarray, x0: int, y0: int, x1: int, y1: int, colour: tuple) -> None:
    region = img[y0:y1, x0:x1].astype(np.float32)
    img[y0:y1, x0:x1] = (0.7 * region + 0.3 * np.array(colour, np.float32)).astype(np.uint8)


def draw(rgb: np.ndarray, geometry: Geometry | None) -> np.ndarray:
    """A copy of the photo (in the 500x653 frame) with bands and measured lines drawn on it."""
    img = rgb.copy()
    h, w = img.shape[:2]
    sx, sy = w / WIDTH, h / HEIGHT
    _shade(img, 0, round(CROWN_MARGIN[0] * sy), w, round(CROWN_MARGIN[1] * sy), BAND)
    _shade(img, 0, round(h - CHIN_MARGIN[1] * sy), w, round(h - CHIN_MARGIN[0] * sy), BAND)
    cx = w / 2
    band = CENTRE_MAX_OFFSET * sx
    _shade(img, round(cx - band), 0, round(cx + band), h, BAND)
    for y in range(0, h, 12):
        cv2.line(img, (round(cx), y), (round(cx), min(h - 1, y + 6)), BAND, 1)
    if geometry is not None:
        for y in (geometry.crown_y, geometry.chin_y):
            cv2.line(img, (0, round(y)), (w - 1, round(y)), MEASURED, 2)
        x = round(geometry.centre_x)
        cv2.line(img, (x, 0), (x, h - 1), CENTRE, 2)
    return img


def write_png(path: str, rgb: np.ndarray) -> None:
    ok, buf = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    if not ok:
        raise OSError("PNG encoding failed")
    with open(path, "wb") as fh:
        fh.write(buf.tobytes())
