"""One photo to one identity vector: detect, find the landmarks, align, embed.

YuNet finds the faces (and counts them); MediaPipe's face mesh, run on the largest face,
gives the iris centres, the nose tip and the mouth corners, and a similarity transform puts
them on the 112x112 template SFace was trained on. On the project's identity pairs the mesh
points align better than YuNet's own five points (bench/face_pairs.py: the hardest genuine
pair rose from 0.445 to 0.51-0.53 while the hardest impostor stayed near 0.50). The embedding is
the mean of the face and its mirror image, which evens out a slightly turned head.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import cv2
import numpy as np

from ..quality.decode import ReasonedError, decode
from .models import Models, models

DIMENSIONS = 128
# Larger photos are scaled down first: detection and alignment need no more pixels, and
# the aligned face is 112 px wide anyway.
MAX_SIDE = 1000
# Below this distance between the eyes (pixels) a face has too little detail to identify.
MIN_EYE_DISTANCE = 24
# Another face counts as a second person when it is at least this share of the main face's
# width; smaller ones are faces on posters or far in the background.
OTHER_FACE_RATIO = 0.5
# How far around YuNet's box the face mesh looks (the box is tight around the features).
MESH_MARGIN = 0.6

# ArcFace/SFace's 112x112 template: eye (image left), eye (image right), nose tip, mouth
# corner (image left), mouth corner (image right).
TEMPLATE = np.array(
    [[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366], [41.5493, 92.3655],
     [70.7299, 92.2041]],
    dtype=np.float32,
)  # fmt: skip
# The same five points in MediaPipe's 478-point mesh (iris centres, nose tip, mouth corners).
MESH_POINTS = (468, 473, 1, 61, 291)


class NoUsableFace(ReasonedError):
    """The photo has no face that can be compared (none, too small, or unreadable input)."""


@dataclass(frozen=True)
class FaceEmbedding:
    vector: np.ndarray  # (128,) float32, unit length
    faces: int  # faces YuNet found, counting only ones near the main face's size
    eye_distance: float  # pixels, in the analysed image
    aligned_by: str  # "mesh" or "detector"


def embed_bytes(data: bytes) -> FaceEmbedding:
    """The embedding of the largest face in a photo file's bytes; raises NoUsableFace or
    luppa.quality.UnreadablePhoto with a reason key."""
    return embed_rgb(decode(data).rgb)


def embed_rgb(rgb: np.ndarray) -> FaceEmbedding:
    h, w = rgb.shape[:2]
    scale = MAX_SIDE / max(h, w)
    if scale < 1.0:
        rgb = cv2.resize(rgb, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
        h, w = rgb.shape[:2]
    bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    m = models()
    with m.lock:
        m.detector.setInputSize((w, h))
        _, found = m.detector.detect(bgr)
        if found is None or len(found) == 0:
            raise NoUsableFace("faces.no_face")
        found = sorted(found, key=lambda f: -f[2] * f[3])
        main = found[0]
        count = sum(1 for f in found if f[2] >= OTHER_FACE_RATIO * main[2])
        points, aligned_by = _mesh_points(m, rgb, main), "mesh"
        if points is None:
            points, aligned_by = main[4:14].reshape(5, 2).astype(np.float32), "detector"
        eye_distance = float(np.linalg.norm(points[0] - points[1]))
        if eye_distance < MIN_EYE_DISTANCE:
            raise NoUsableFace("faces.too_small", eye_distance=round(eye_distance))
        face = align(bgr, points)
        vector = m.features(face) + m.features(cv2.flip(face, 1))
    norm = float(np.linalg.norm(vector))
    if not np.isfinite(norm) or norm < 1e-6:
        raise NoUsableFace("faces.no_face")
    return FaceEmbedding((vector / norm).astype(np.float32), count, eye_distance, aligned_by)


def align(bgr: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The 112x112 face: rotation, uniform scale and shift that best fit the template."""
    matrix, _ = cv2.estimateAffinePartial2D(points.astype(np.float32), TEMPLATE, method=cv2.LMEDS)
    if matrix is None:
        raise NoUsableFace("faces.no_face")
    return cv2.warpAffine(bgr, matrix, (112, 112), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)  # fmt: skip


def _mesh_points(m: Models, rgb: np.ndarray, box: np.ndarray) -> np.ndarray | None:
    """The five template points from the face mesh, run on a crop around the main face so
    that the mesh describes the same face YuNet chose; None when the mesh finds none."""
    h, w = rgb.shape[:2]
    x, y, bw, bh = (float(v) for v in box[:4])
    pad = MESH_MARGIN * max(bw, bh)
    x0, y0 = max(0, int(x - pad)), max(0, int(y - pad))
    x1, y1 = min(w, int(x + bw + pad)), min(h, int(y + bh + pad))
    crop = np.ascontiguousarray(rgb[y0:y1, x0:x1])
    if crop.size == 0:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # protobuf deprecation chatter from MediaPipe
        result = m.mesh.process(crop)
    if not result.multi_face_landmarks:
        return None
    ch, cw = crop.shape[:2]
    marks = result.multi_face_landmarks[0].landmark
    points = np.array([(marks[i].x * cw + x0, marks[i].y * ch + y0) for i in MESH_POINTS])
    return points.astype(np.float32)
