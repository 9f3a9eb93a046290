"""MediaPipe's hand models and full-range face detector run directly with LiteRT, without
MediaPipe's graphs.

The model files ship inside the mediapipe 0.10.14 wheel; they are read from the installed
package without importing it. Each model runs single-threaded on LiteRT's XNNPACK kernels.
The pre- and post-processing follows MediaPipe's own graphs for these models (the same crops,
rotations, value ranges, anchors and weighted non-maximum suppression), so the boxes and points
match what the solutions API returned (bench/model_agreement.py), at less than half the cost:
for the palm detector, MediaPipe's graph cost as much again as the model.

The person segmentation runs here too: its mask matches the graph's to about 2e-4 on
average (at most 1e-3), not bit for bit, at about three quarters of the graph's cost. The
face mesh stays on MediaPipe's graph (faces.py): the attention mesh needs MediaPipe's own
custom operations, and the plain mesh with the iris model, run here, was no faster and moved
the lip points the expression checks were calibrated on.

Interpreters are not thread-safe: the caller serialises them (faces.py holds one lock).
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from ai_edge_litert.interpreter import Interpreter

FAR_FACE_DETECTOR = "face_detection/face_detection_full_range_sparse.tflite"
PALM_DETECTOR = "palm_detection/palm_detection_lite.tflite"
HAND_LANDMARKS = "hand_landmark/hand_landmark_lite.tflite"
SELFIE_SEGMENTATION = "selfie_segmentation/selfie_segmentation.tflite"

NMS_OVERLAP = 0.3


def model_dir() -> Path:
    """The mediapipe package's modules/ folder, found without importing mediapipe."""
    spec = importlib.util.find_spec("mediapipe")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("mediapipe (which ships the model files) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "modules"


class Net:
    """One .tflite model on one thread: float32 NHWC input, outputs in the model's order."""

    def __init__(self, relative: str) -> None:
        self.interpreter = Interpreter(model_path=str(model_dir() / relative), num_threads=1)
        self.interpreter.allocate_tensors()
        detail = self.interpreter.get_input_details()[0]
        self.input_index = detail["index"]
        self.height, self.width = (int(v) for v in detail["shape"][1:3])
        self.outputs = [d["index"] for d in self.interpreter.get_output_details()]

    def __call__(self, tensor: np.ndarray) -> list[np.ndarray]:
        self.interpreter.set_tensor(self.input_index, tensor[None])
        self.interpreter.invoke()
        return [self.interpreter.get_tensor(i)[0] for i in self.outputs]


@dataclass(frozen=True)
class Rect:
    """A rotated square or rectangle in pixels: centre, size, rotation (radians, clockwise
    in the image as y points down), as MediaPipe's NormalizedRect in pixel units."""

    cx: float
    cy: float
    width: float
    height: float
    rotation: float = 0.0

    def to_image(self, out_w: int, out_h: int) -> np.ndarray:
        """The 2x3 affine map from a crop of out_w x out_h pixels onto the image: the crop's
        corners (0,0) and (out_w,out_h) lie on the rectangle's corners, as in MediaPipe's
        ImageToTensorCalculator."""
        c, s = math.cos(self.rotation), math.sin(self.rotation)
        sx, sy = self.width / out_w, self.height / out_h
        a = np.array([[c * sx, -s * sy], [s * sx, c * sy]])
        b = np.array([self.cx, self.cy]) - a @ np.array([out_w / 2, out_h / 2])
        return np.hstack([a, b[:, None]])


def crop(
    rgb: np.ndarray, rect: Rect, size: tuple[int, int], border: int = cv2.BORDER_REPLICATE
) -> tuple[np.ndarray, np.ndarray]:
    """The rectangle's pixels resampled to size (w, h) as uint8, and the crop-to-image map."""
    m = rect.to_image(*size)
    out = cv2.warpAffine(
        rgb, m, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderMode=border
    )
    return out, m


def to_float(pixels: np.ndarray, low: float) -> np.ndarray:
    """uint8 to float32 in [low, 1] (low is 0 or -1, as each model was trained)."""
    if low == 0.0:
        return pixels.astype(np.float32) * np.float32(1 / 255)
    return pixels.astype(np.float32) * np.float32(2 / 255) - np.float32(1)


def project(points: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Crop pixel coordinates (N, 2+) onto the image with the crop-to-image map."""
    out = points.astype(np.float64).copy()
    out[:, :2] = points[:, :2] @ m[:, :2].T + m[:, 2]
    return out


def ssd_anchors(size: int, strides: tuple[int, ...], per_cell: tuple[int, ...]) -> np.ndarray:
    """Anchor centres (N, 2) in [0, 1], as MediaPipe's SsdAnchorsCalculator lays them with
    fixed_anchor_size (every anchor 1x1): layers of the same stride share one grid."""
    centres = []
    for stride, count in zip(strides, per_cell, strict=True):
        n = math.ceil(size / stride)
        ys, xs = np.mgrid[0:n, 0:n]
        grid = np.stack([(xs + 0.5) / n, (ys + 0.5) / n], axis=-1).reshape(-1, 1, 2)
        centres.append(np.repeat(grid, count, axis=1).reshape(-1, 2))
    return np.concatenate(centres).astype(np.float32)


@dataclass(frozen=True)
class Detection:
    score: float
    box: np.ndarray  # x0, y0, x1, y1 in image pixels
    keypoints: np.ndarray  # (K, 2) in image pixels


class Detector:
    """An SSD detector (MediaPipe's face and palm detectors): the whole image letterboxed
    into the model's square input, boxes decoded from anchors, weighted non-maximum
    suppression, results in image pixels."""

    def __init__(
        self,
        relative: str,
        strides: tuple[int, ...],
        per_cell: tuple[int, ...],
        low: float,
        min_score: float,
    ) -> None:
        self.net = Net(relative)
        self.anchors = ssd_anchors(self.net.width, strides, per_cell)
        self.low = low
        self.min_score = min_score

    def __call__(self, rgb: np.ndarray) -> list[Detection]:
        h, w = rgb.shape[:2]
        side = max(w, h)
        size = self.net.width
        letterbox = Rect(w / 2, h / 2, side, side)
        pixels, m = crop(rgb, letterbox, (size, size), cv2.BORDER_CONSTANT)
        raw, logits = self.net(to_float(pixels, self.low))
        scores = 1 / (1 + np.exp(-np.clip(logits[:, 0].astype(np.float64), -100, 100)))
        keep = np.flatnonzero(scores >= self.min_score)
        if keep.size == 0:
            return []
        raw = raw[keep] / size
        anchors = self.anchors[keep]
        centre = raw[:, :2] + anchors
        half = raw[:, 2:4] / 2
        boxes = np.hstack([centre - half, centre + half]) * size
        keypoints = (raw[:, 4:].reshape(len(keep), -1, 2) + anchors[:, None]) * size
        found = []
        for score, box, points in _weighted_nms(scores[keep], boxes, keypoints):
            corners = project(box.reshape(2, 2), m).reshape(4)
            found.append(Detection(score, corners, project(points, m)))
        return found


def _weighted_nms(
    scores: np.ndarray, boxes: np.ndarray, keypoints: np.ndarray
) -> list[tuple[float, np.ndarray, np.ndarray]]:
    """MediaPipe's WEIGHTED suppression: each strongest remaining box absorbs the boxes that
    overlap it by more than NMS_OVERLAP (IoU), averaged by score; it keeps its own score."""
    order = np.argsort(-scores, kind="stable")
    areas = np.prod(np.maximum(boxes[:, 2:] - boxes[:, :2], 0), axis=1)
    out = []
    while order.size:
        top = order[0]
        lo = np.maximum(boxes[order, :2], boxes[top, :2])
        hi = np.minimum(boxes[order, 2:], boxes[top, 2:])
        inter = np.prod(np.maximum(hi - lo, 0), axis=1)
        iou = inter / np.maximum(areas[order] + areas[top] - inter, 1e-9)
        group = order[iou > NMS_OVERLAP]
        if group.size == 0:
            group = order[:1]
        weights = scores[group] / scores[group].sum()
        box = (boxes[group] * weights[:, None]).sum(0)
        points = (keypoints[group] * weights[:, None, None]).sum(0)
        out.append((float(scores[top]), box, points))
        order = order[iou <= NMS_OVERLAP]
        order = order[order != top]
    return out


def detection_rect(
    det: Detection,
    start: int,
    end: int,
    target_degrees: float,
    scale: float,
    shift_y: float = 0.0,
) -> Rect:
    """The crop a landmark model sees for a detection (MediaPipe's DetectionsToRects and
    RectTransformation): rotated so that keypoint start→end points at the target angle,
    shifted along its own axes, squared on its long side and scaled."""
    (x0, y0, x1, y1), kp = det.box, det.keypoints
    angle = math.radians(target_degrees) - math.atan2(
        -(kp[end, 1] - kp[start, 1]), kp[end, 0] - kp[start, 0]
    )
    angle = (angle + math.pi) % (2 * math.pi) - math.pi
    w, h = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2 - h * shift_y * math.sin(angle)
    cy = (y0 + y1) / 2 + h * shift_y * math.cos(angle)
    side = max(w, h) * scale
    return Rect(cx, cy, side, side, angle)


class Hands:
    """MediaPipe's palm detector and (lite) hand landmark model: the 21 points of each hand
    the landmark model confirms, in pixels."""

    def __init__(self, min_confidence: float) -> None:
        self.detector = Detector(PALM_DETECTOR, (8, 16), (2, 6), 0.0, min_confidence)
        self.landmarks = Net(HAND_LANDMARKS)

    def __call__(self, rgb: np.ndarray, max_hands: int) -> list[np.ndarray]:
        hands = []
        for det in self.detector(rgb)[:max_hands]:
            # Wrist (0) to the middle finger's base (2) points up; the hand lies above the palm.
            rect = detection_rect(det, 0, 2, 90.0, 2.6, shift_y=-0.5)
            pixels, m = crop(rgb, rect, (self.landmarks.width, self.landmarks.height))
            raw, presence, *_ = self.landmarks(to_float(pixels, 0.0))
            if float(presence.ravel()[0]) < 0.5:
                continue
            hands.append(project(raw.reshape(-1, 3), m)[:, :2])
        return hands


class Segmenter:
    """MediaPipe's general selfie segmentation (256x256, square input): the chance that each
    pixel is part of a person, as the graph gives it. The graph stretches the whole image
    onto the model's input (no letterbox) and stretches the output mask back, bilinearly."""

    def __init__(self) -> None:
        self.net = Net(SELFIE_SEGMENTATION)

    def __call__(self, rgb: np.ndarray) -> np.ndarray:
        """H x W float32 in [0, 1]."""
        h, w = rgb.shape[:2]
        size = (self.net.width, self.net.height)
        pixels, _ = crop(rgb, Rect(w / 2, h / 2, w, h), size, cv2.BORDER_CONSTANT)
        (mask,) = self.net(to_float(pixels, 0.0))
        return cv2.resize(mask[..., 0], (w, h), interpolation=cv2.INTER_LINEAR)


# MediaPipe's full-range face detection graph keeps candidates from this score whatever the
# caller's confidence: with it, the boxes here match the graph's on 91 of 91 real photos (within
# 3 px); with 0.5, two weak extra "faces" (0.56, 0.58) appeared.
FAR_MIN_SCORE = 0.6


@cache
def far_face_detector(min_confidence: float) -> Detector:
    """The full-range face detector: faces down to a few percent of the photo's width."""
    return Detector(FAR_FACE_DETECTOR, (4,), (1,), -1.0, max(min_confidence, FAR_MIN_SCORE))
