"""MediaPipe's face detector, face mesh (with irises), person segmentation and hand models,
loaded once.

The models ship inside the mediapipe 0.10.14 wheel; nothing is downloaded. The face mesh runs
in MediaPipe's graph; the segmentation, the hand models and the full-range face detector run
directly on LiteRT (tflite_models.py), with the graphs' results at less cost. Neither graphs
nor interpreters are thread-safe, so one lock serialises them (a check takes a few
milliseconds).
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np

from . import tflite_models

os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

MIN_FACE_CONFIDENCE = 0.5
# A detection smaller than this share of the main face's width is not a person standing
# beside the subject but noise (a pattern in the background, a face on a poster far away).
MIN_OTHER_FACE_RATIO = 0.2
MIN_HAND_CONFIDENCE = 0.5


@dataclass(frozen=True)
class FaceFindings:
    landmarks: np.ndarray | None  # (478, 3) mesh points in pixels; z in pixel scale
    face_boxes: list[tuple[float, float, float, float]]  # x, y, w, h in pixels
    person_mask: np.ndarray  # H x W float32 in [0, 1]

    @property
    def face_count(self) -> int:
        if self.landmarks is None:
            return len(self.face_boxes)
        main_width = float(np.ptp(self.landmarks[:, 0])) or 1.0
        others = [b for b in self.face_boxes if not _same_face(b, self.landmarks)]
        big = [b for b in others if b[2] >= MIN_OTHER_FACE_RATIO * main_width]
        # The mesh and the detector may both report the same other face: count it once.
        distinct: list[tuple[float, float, float, float]] = []
        for box in big:
            cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
            if not any(x <= cx <= x + bw and y <= cy <= y + bh for x, y, bw, bh in distinct):
                distinct.append(box)
        return 1 + len(distinct)


def _same_face(box: tuple[float, float, float, float], landmarks: np.ndarray) -> bool:
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    lx0, ly0 = landmarks[:, 0].min(), landmarks[:, 1].min()
    lx1, ly1 = landmarks[:, 0].max(), landmarks[:, 1].max()
    return bool(lx0 <= cx <= lx1 and ly0 <= cy <= ly1)


class _Models:
    def __init__(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import mediapipe as mp

        # Two faces: the subject, and whether anyone else is in the photo. Each face the
        # mesh's detector proposes is confirmed by the landmark model's own face-presence
        # score, so a pattern on a shirt is not counted. The mesh stays on MediaPipe's graph:
        # its attention model (refined lips, eyes and irises, which the expression and eye
        # checks were calibrated on) needs MediaPipe's own custom operations.
        self.mesh = mp.solutions.face_mesh.FaceMesh(
            static_image_mode=True,
            max_num_faces=2,
            refine_landmarks=True,
            min_detection_confidence=MIN_FACE_CONFIDENCE,
        )
        # The person segmentation on LiteRT (tflite_models.Segmenter), as the graph gives it.
        self.segmenter = tflite_models.Segmenter()
        # The hand models run directly on LiteRT (tflite_models), giving the graph's results.
        # Palm detector and hand landmarks (the lite model: a hand in a portrait is large).
        self.hands = tflite_models.Hands(MIN_HAND_CONFIDENCE)
        self.lock = threading.Lock()

    @cached_property
    def detector(self) -> tflite_models.Detector:
        """The full-range face detector, loaded when first asked for (luppa frame)."""
        with native_stderr_silenced():
            return tflite_models.far_face_detector(MIN_FACE_CONFIDENCE)


@contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """TFLite, absl and OpenCV's DNN print start-up chatter straight to file descriptor 2;
    users of `luppa check` and `luppa compare` should see only our one-line reasons there.
    (Also used by luppa.faces.models.)"""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@cache
def _models() -> _Models:
    with native_stderr_silenced():
        models = _Models()
        # The graph and LiteRT log once, on a model's first run; do that run here, silenced.
        blank = np.full((64, 64, 3), 200, np.uint8)
        models.mesh.process(blank)
        models.segmenter(blank)
        models.hands(blank, 1)
    return models


def warm_up() -> None:
    """Load the models now rather than on the first photo."""
    _models()


def models_loaded() -> bool:
    """Whether this process has loaded the models (a readiness check asks)."""
    return _models.cache_info().currsize > 0


def find_faces(rgb: np.ndarray, far: bool = False) -> FaceFindings:
    """The face mesh of the main (largest) face, boxes of the other faces, and the person
    mask. The mesh's own short-range detector finds every face a permit photo can hold, so a
    check of one costs no separate detector run. `far` also runs the full-range detector, for
    a full-body shot with a small face (luppa frame says "too small" rather than "no face");
    counting with the short-range detector alone once took a pattern on a shirt for a face,
    so its proposals count only once the mesh has confirmed them."""
    h, w = rgb.shape[:2]
    models = _models()
    with models.lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mesh = models.mesh.process(rgb)
        detections = models.detector(rgb) if far else []
        mask = models.segmenter(rgb)
    meshes = [_points(face) * (w, h, w) for face in mesh.multi_face_landmarks or []]
    meshes.sort(key=lambda m: -float(np.ptp(m[:, 0]) * np.ptp(m[:, 1])))
    landmarks = meshes[0] if meshes else None
    boxes = []
    for other in meshes[1:]:
        (x0, y0), (x1, y1) = other[:, :2].min(0), other[:, :2].max(0)
        boxes.append((float(x0), float(y0), float(x1 - x0), float(y1 - y0)))
    for det in detections:
        x0, y0, x1, y1 = (float(v) for v in det.box)
        boxes.append((x0, y0, x1 - x0, y1 - y0))
    return FaceFindings(landmarks=landmarks, face_boxes=boxes, person_mask=mask)


# A NormalizedLandmark as the graph serialises it when it sets only x, y and z: the list's
# field tag and length, then each float's tag. Read straight from the bytes, 478 points cost
# a twentieth of a Python loop over the protobuf objects.
_LANDMARK_RECORD = np.dtype(
    [("head", "u1", 3), ("x", "<f4"), ("tag_y", "u1"), ("y", "<f4"), ("tag_z", "u1"), ("z", "<f4")]
)
_LANDMARK_HEAD = (0x0A, 0x0F, 0x0D)


def _points(landmarks) -> np.ndarray:
    """(N, 3) float64 normalised x, y, z of a NormalizedLandmarkList."""
    data = landmarks.SerializeToString()
    if len(data) == _LANDMARK_RECORD.itemsize * len(landmarks.landmark):
        records = np.frombuffer(data, _LANDMARK_RECORD)
        if (
            (records["head"] == _LANDMARK_HEAD).all()
            and (records["tag_y"] == 0x15).all()
            and (records["tag_z"] == 0x1D).all()
        ):
            return np.stack([records["x"], records["y"], records["z"]], axis=1).astype(np.float64)
    return np.array([(p.x, p.y, p.z) for p in landmarks.landmark], dtype=np.float64)


def find_hands(rgb: np.ndarray) -> list[tuple[float, float, float, float]]:
    """Boxes (x, y, w, h in pixels) of the hands MediaPipe's palm detector and hand model
    find, whosever they are."""
    models = _models()
    with models.lock:
        hands = models.hands(rgb, max_hands=2)
    boxes = []
    for pts in hands:
        x0, y0 = pts.min(0)
        x1, y1 = pts.max(0)
        boxes.append((float(x0), float(y0), float(x1 - x0), float(y1 - y0)))
    return boxes
