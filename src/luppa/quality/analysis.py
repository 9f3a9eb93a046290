"""Everything the checks share about one photo, computed once and only when asked for."""

from __future__ import annotations

from functools import cached_property

import cv2
import numpy as np

from . import geometry
from .decode import DecodedPhoto
from .faces import FaceFindings, find_hands
from .landmarks import eye_contrast, inter_ocular, skin_mask
from .limits import HEIGHT, WIDTH
from .report import Geometry

# Photos whose aspect ratio is this close to 500:653 are measured in the 500x653 frame.
_ASPECT_TOLERANCE = 0.02
_MAX_ANALYSIS_SIDE = 1000


def analysis_image(rgb: np.ndarray) -> tuple[np.ndarray, bool]:
    """The pixels the checks look at, and whether they are in the decree's 500x653 frame."""
    h, w = rgb.shape[:2]
    in_frame = abs((w / h) / (WIDTH / HEIGHT) - 1.0) <= _ASPECT_TOLERANCE
    if in_frame and (w, h) != (WIDTH, HEIGHT):
        interp = cv2.INTER_AREA if w > WIDTH else cv2.INTER_CUBIC
        return cv2.resize(rgb, (WIDTH, HEIGHT), interpolation=interp), True
    scale = _MAX_ANALYSIS_SIDE / max(h, w)
    if scale < 1.0:
        rgb = cv2.resize(rgb, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    return rgb, in_frame


class Analysis:
    def __init__(
        self, photo: DecodedPhoto, rgb: np.ndarray, in_frame: bool, faces: FaceFindings
    ) -> None:
        self.photo = photo
        self.rgb = rgb
        self.in_frame = in_frame
        self.faces = faces
        self.points = faces.landmarks

    @property
    def shape(self) -> tuple[int, int]:
        return self.rgb.shape[:2]

    @cached_property
    def gray(self) -> np.ndarray:
        return cv2.cvtColor(self.rgb, cv2.COLOR_RGB2GRAY)

    @cached_property
    def lab(self) -> np.ndarray:
        """CIELAB with OpenCV's 8-bit scaling: L 0–255, a and b centred on 128."""
        return cv2.cvtColor(self.rgb, cv2.COLOR_RGB2LAB)

    @cached_property
    def lightness(self) -> np.ndarray:
        return self.lab[..., 0].astype(np.float32)

    @cached_property
    def quarter_lab(self) -> np.ndarray:
        """CIELAB at a quarter of the size (area-averaged): for medians and smooth measures of
        large regions, where every pixel at full size costs time and adds nothing."""
        h, w = self.shape
        return cv2.resize(self.lab, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)

    @cached_property
    def quarter_background(self) -> np.ndarray | None:
        if self.background is None:
            return None
        size = self.quarter_lab.shape[1::-1]
        small = cv2.resize(self.background.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST)
        return small.astype(bool) if small.any() else None

    @cached_property
    def background_lab(self) -> np.ndarray | None:
        """Median L, a, b of the background (OpenCV 8-bit scaling), or None."""
        if self.quarter_background is None:
            return None
        return np.median(self.quarter_lab[self.quarter_background], axis=0)

    @cached_property
    def skin_lab(self) -> np.ndarray | None:
        """Median L, a, b of the face's skin (OpenCV 8-bit scaling), or None."""
        if self.skin is None:
            return None
        return np.median(self.lab[self.skin], axis=0)

    @cached_property
    def geometry(self) -> Geometry | None:
        if self.points is None or not self.in_frame:
            return None
        h, w = self.shape
        return geometry.measure(self.points, self.faces.person_mask, w, h)

    @cached_property
    def iod(self) -> float:
        return inter_ocular(self.points) if self.points is not None else 0.0

    @cached_property
    def eye_contrast(self) -> list[float]:
        """Per eye, sclera against iris lightness (landmarks.eye_contrast); [] without a face."""
        return eye_contrast(self.points, self.lightness) if self.points is not None else []

    @cached_property
    def skin(self) -> np.ndarray | None:
        if self.points is None:
            return None
        mask = skin_mask(self.points, self.shape) & (self.faces.person_mask > 0.5)
        return mask if mask.sum() > 200 else None

    @cached_property
    def face_box(self) -> tuple[int, int, int, int] | None:
        """x0, y0, x1, y1 of the face mesh, clipped to the image."""
        if self.points is None:
            return None
        h, w = self.shape
        x0, y0 = np.floor(self.points[:, :2].min(0)).astype(int)
        x1, y1 = np.ceil(self.points[:, :2].max(0)).astype(int)
        return max(0, x0), max(0, y0), min(w, x1), min(h, y1)

    @cached_property
    def background(self) -> np.ndarray | None:
        """Pixels clearly away from the person (the segmentation's soft edge removed)."""
        person = (self.faces.person_mask > 0.1).astype(np.uint8)
        margin = max(3, round(0.012 * max(self.shape)))
        grown = cv2.dilate(person, np.ones((2 * margin + 1, 2 * margin + 1), np.uint8))
        mask = grown == 0
        # The outermost rows and columns carry resampling and JPEG edge effects.
        mask[:2], mask[-2:], mask[:, :2], mask[:, -2:] = False, False, False, False
        return mask if mask.sum() >= 0.02 * mask.size else None

    @cached_property
    def hands(self) -> list[tuple[float, float, float, float]]:
        """Hands in the photo (x, y, w, h). A skin-colour gate to skip the model was tried and
        missed a hand on a cheek under coloured stage light, so the model always runs."""
        return find_hands(self.rgb)
