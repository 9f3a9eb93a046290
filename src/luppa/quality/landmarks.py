"""Named points of MediaPipe's 478-point face mesh, and regions built from them.

"Left" and "right" are as seen in the image (the subject's right eye is on the image left).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .stats import percentile

FOREHEAD = 10
CHIN = 152
NOSE_TIP = 1
NOSE_BRIDGE = 168
CHEEK_LEFT = 234
CHEEK_RIGHT = 454
MOUTH_LEFT = 61
MOUTH_RIGHT = 291
LIP_UPPER_INNER = 13
LIP_LOWER_INNER = 14
LIP_UPPER_OUTER = 0
LIP_LOWER_OUTER = 17
MIDLINE = (FOREHEAD, NOSE_BRIDGE, NOSE_TIP, CHIN)

FACE_OVAL = (
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
    152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
)  # fmt: skip
LEFT_EYE_RING = (33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246)
RIGHT_EYE_RING = (263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466)


@dataclass(frozen=True)
class Eye:
    outer: int
    inner: int
    upper: tuple[int, ...]
    lower: tuple[int, ...]
    iris_centre: int
    iris_ring: tuple[int, ...]
    ring: tuple[int, ...]


LEFT_EYE = Eye(33, 133, (160, 159, 158), (144, 145, 153), 468, (469, 470, 471, 472), LEFT_EYE_RING)
RIGHT_EYE = Eye(
    263, 362, (387, 386, 385), (373, 374, 380), 473, (474, 475, 476, 477), RIGHT_EYE_RING
)
EYES = (LEFT_EYE, RIGHT_EYE)


def eye_openings(points: np.ndarray, shape: tuple[int, int], grow: int = 2) -> np.ndarray:
    """The visible eyeballs (between the lids), slightly grown."""
    mask = np.zeros(shape, np.uint8)
    for eye in EYES:
        cv2.fillPoly(mask, [np.round(points[list(eye.ring), :2]).astype(np.int32)], 1)
    if grow:
        mask = cv2.dilate(mask, np.ones((2 * grow + 1, 2 * grow + 1), np.uint8))
    return mask.astype(bool)


def lid_openings(points: np.ndarray) -> list[float]:
    """Per eye, the mean gap between the lids per the eye's width (corner to corner)."""
    ratios = []
    for eye in EYES:
        width = np.linalg.norm(points[eye.outer, :2] - points[eye.inner, :2])
        gaps = [
            np.linalg.norm(points[u, :2] - points[d, :2])
            for u, d in zip(eye.upper, eye.lower, strict=True)
        ]
        ratios.append(float(np.mean(gaps) / max(width, 1e-6)))
    return ratios


def eye_centre_y(points: np.ndarray) -> float:
    return float((points[LEFT_EYE.iris_centre, 1] + points[RIGHT_EYE.iris_centre, 1]) / 2)


def inter_ocular(points: np.ndarray) -> float:
    return float(
        np.linalg.norm(points[LEFT_EYE.iris_centre, :2] - points[RIGHT_EYE.iris_centre, :2])
    )


def polygon_mask(
    points: np.ndarray, indices: tuple[int, ...], shape: tuple[int, int]
) -> np.ndarray:
    mask = np.zeros(shape, np.uint8)
    poly = np.round(points[list(indices), :2]).astype(np.int32)
    cv2.fillPoly(mask, [poly], 1)
    return mask.astype(bool)


def skin_mask(points: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """The face oval without eyes, brows and mouth: where lighting and exposure are judged.

    The oval is shrunk a little: at the temples and cheeks MediaPipe's outline reaches past
    the skin into the background, which would otherwise count as highlights or shadows.
    """
    x0, y0, face = skin_patch(points, shape)
    mask = np.zeros(shape, bool)
    mask[y0 : y0 + face.shape[0], x0 : x0 + face.shape[1]] = face
    return mask


def skin_patch(points: np.ndarray, shape: tuple[int, int]) -> tuple[int, int, np.ndarray]:
    """skin_mask in the face's own box: its left and top corner, and the mask there (the
    same mask at a fraction of a full-size one's cost; skin_mask is it pasted into the
    photo's frame)."""
    iod = inter_ocular(points)
    shrink = max(1, round(0.08 * iod))
    h, w = shape
    x0, y0 = np.maximum(np.floor(points[:, :2].min(0)).astype(int) - 2, 0)
    x1, y1 = np.minimum(np.ceil(points[:, :2].max(0)).astype(int) + 3, (w, h))
    local = points[:, :2] - (x0, y0)
    box = (int(y1 - y0), int(x1 - x0))
    face = np.zeros(box, np.uint8)
    cv2.fillPoly(face, [np.round(local[list(FACE_OVAL)]).astype(np.int32)], 1)
    face = cv2.erode(face, np.ones((2 * shrink + 1, 2 * shrink + 1), np.uint8)).astype(bool)
    holes = np.zeros(box, np.uint8)
    for eye in EYES:
        centre = local[eye.iris_centre]
        cv2.ellipse(
            holes,
            (int(centre[0]), int(centre[1] - 0.08 * iod)),
            (int(0.32 * iod), int(0.25 * iod)),
            0, 0, 360, 1, -1,
        )  # fmt: skip
    mouth = np.round(local[[MOUTH_LEFT, MOUTH_RIGHT, LIP_UPPER_OUTER, LIP_LOWER_OUTER]])
    mx0, my0 = mouth.min(0)
    mx1, my1 = mouth.max(0)
    cv2.rectangle(holes, (int(mx0), int(my0)), (int(mx1), int(my1)), 1, -1)
    # The forehead band under the mesh top is often hair; keep the face below the brows' top.
    top = int(eye_centre_y(points) - 0.55 * iod) - y0
    face[: max(top, 0)] = False
    return int(x0), int(y0), face & ~holes.astype(bool)


def eye_contrast(points: np.ndarray, lightness: np.ndarray) -> list[float]:
    """Per eye, how much brighter the eye white is than the iris (OpenCV L levels): the
    upper quartile of the opening outside the iris against the iris's lower quartile.

    An eye a person can see has a dark iris against a light sclera; an eye hidden by hair,
    a hat, a hand or a dark lens shows neither, even where the face mesh still predicts the
    eye's outline. Computed on a small crop around each eye.
    """
    h, w = lightness.shape
    result = []
    for eye in EYES:
        ring = points[list(eye.ring), :2]
        x0, y0 = np.maximum(np.floor(ring.min(0)).astype(int) - 1, 0)
        x1, y1 = np.minimum(np.ceil(ring.max(0)).astype(int) + 2, (w, h))
        if x1 - x0 < 3 or y1 - y0 < 3:
            result.append(0.0)
            continue
        crop = lightness[y0:y1, x0:x1]
        opening = np.zeros(crop.shape, np.uint8)
        cv2.fillPoly(opening, [np.round(ring - (x0, y0)).astype(np.int32)], 1)
        centre = points[eye.iris_centre, :2]
        radius = float(np.mean(np.linalg.norm(points[list(eye.iris_ring), :2] - centre, axis=1)))
        cx, cy = round(float(centre[0]) - x0), round(float(centre[1]) - y0)
        iris = np.zeros(crop.shape, np.uint8)
        cv2.circle(iris, (cx, cy), max(1, round(0.8 * radius)), 1, -1)
        around = np.zeros(crop.shape, np.uint8)
        cv2.circle(around, (cx, cy), max(2, round(0.8 * radius) + 1), 1, -1)
        inside = opening.astype(bool)
        iris_px = crop[inside & iris.astype(bool)]
        sclera_px = crop[inside & ~around.astype(bool)]
        if iris_px.size < 3 or sclera_px.size < 3:
            result.append(0.0)
            continue
        result.append(percentile(sclera_px, 75) - percentile(iris_px, 25))
    return result
