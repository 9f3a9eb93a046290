"""Everything the checks share about one photo, computed once and only when asked for."""

from __future__ import annotations

from functools import cached_property

import cv2
import numpy as np

from . import geometry
from .decode import DecodedPhoto
from .eye_cover import CoverEdge, cover_edge
from .faces import FaceFindings, find_hands
from .landmarks import CHIN, MOUTH_LEFT, eye_contrast, inter_ocular, lid_openings, skin_patch
from .limits import HEIGHT, WIDTH
from .report import Geometry
from .resample import half_area
from .stats import histogram_median, histogram_u8

# Photos whose aspect ratio is this close to 500:653 are measured in the 500x653 frame.
_ASPECT_TOLERANCE = 0.02
_MAX_ANALYSIS_SIDE = 1000
JAW_LEFT, JAW_RIGHT = 172, 397  # mesh points at the jaw's corners
# Skin-coloured area (per squared iris distance) beside the head below which no hand can be:
# a hand at a portrait's scale covers about half a squared iris distance even when only its
# fingers enter the frame.
HAND_GATE = 0.07


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


def _median_of(hist: np.ndarray) -> float:
    """The median of an 8-bit channel from its histogram (no sort): the first level at which
    half of the pixels are reached."""
    return float(np.searchsorted(np.cumsum(hist), hist.sum() / 2))


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
    def half_gray(self) -> np.ndarray:
        # Not cropped to an even size first: for 653 rows, the area resize's slight smoothing
        # is what background.plain's edge limits were calibrated on (half_area gives OpenCV's
        # area resize, at a fraction of its cost for an odd height).
        return half_area(self.gray)

    @cached_property
    def quarter_rgb(self) -> np.ndarray:
        """The photo at a quarter of the size, area-averaged. Cropped to a multiple of four
        first: OpenCV's whole-factor area resize is several times faster than a fractional one."""
        h, w = self.shape
        q = self.rgb[: h - h % 4, : w - w % 4]
        return cv2.resize(q, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)

    @cached_property
    def quarter_lab(self) -> np.ndarray:
        """CIELAB with OpenCV's 8-bit scaling (L 0–255, a and b centred on 128) at a quarter
        of the size: for medians and smooth measures of large regions, where every pixel at
        full size costs time and adds nothing. (A full-size Lab conversion alone cost more
        than all the checks that need it.)"""
        return cv2.cvtColor(self.quarter_rgb, cv2.COLOR_RGB2LAB)

    @cached_property
    def face_region(self) -> tuple[int, int, int, int]:
        """x0, y0, x1, y1: the face mesh's box grown upwards to hold the forehead band above
        the brows; the full-size Lab pixels the checks read lie in it."""
        if self.face_box is None:
            return 0, 0, 0, 0
        x0, y0, x1, y1 = self.face_box
        return x0, max(0, y0 - round(0.3 * self.iod)), x1, y1

    @cached_property
    def face_lab(self) -> np.ndarray:
        """CIELAB (OpenCV 8-bit scaling) of face_region only."""
        x0, y0, x1, y1 = self.face_region
        crop = np.ascontiguousarray(self.rgb[y0:y1, x0:x1])
        if crop.size == 0:
            return np.zeros((0, 0, 3), np.uint8)
        return cv2.cvtColor(crop, cv2.COLOR_RGB2LAB)

    @cached_property
    def lightness(self) -> np.ndarray:
        """OpenCV L (uint8) at full size inside face_region, and 0 elsewhere: everything
        the checks measure in L at full resolution is on the face. (Zeros of a fresh array
        cost nothing until written: only the face is.)"""
        out = np.zeros(self.shape, np.uint8)
        x0, y0, x1, y1 = self.face_region
        out[y0:y1, x0:x1] = self.face_lab[..., 0]
        return out

    @cached_property
    def half_person(self) -> np.ndarray:
        """Where the person is at half size, 16 per full-size pixel of its 2x2 block at which
        the segmentation exceeds 0.1 (uint8, 0..64): the area average of a 0/64 mask, exact
        in OpenCV's whole-factor fast path, so both masks below are read from it by counting.
        A half pixel is the person's when at least 2 of its 4 pixels are (> 16): what the
        area average of a 0/1 mask, rounded, said before."""
        h, w = self.shape[0] // 2, self.shape[1] // 2
        person64 = cv2.bitwise_and(cv2.compare(self.faces.person_mask, 0.1, cv2.CMP_GT), 64)
        return cv2.resize(person64[: 2 * h, : 2 * w], (w, h), interpolation=cv2.INTER_AREA)

    @cached_property
    def quarter_person(self) -> np.ndarray:
        """Where the person is at quarter size (uint8 0/1): a quarter pixel counts when at least
        9 of the 16 full-size pixels of its 4x4 block reach the segmentation's 0.1 (the rounded
        area average of a 0/1 mask, which the background's limits were calibrated on: a
        majority, not any pixel). Read from half_person: four times the count, exactly."""
        qh, qw = self.quarter_lab.shape[:2]
        half = self.half_person[: 2 * qh, : 2 * qw]
        quarter = cv2.resize(half, (qw, qh), interpolation=cv2.INTER_AREA)
        return (quarter > 32).view(np.uint8)

    @cached_property
    def quarter_background(self) -> np.ndarray | None:
        """Background pixels at quarter size, clearly away from the person (the soft edge of
        the segmentation removed), or None when too little of the photo is background."""
        person = self.quarter_person
        margin = max(1, round(0.012 * max(self.shape) / 4))
        grown = cv2.dilate(person, np.ones((2 * margin + 1, 2 * margin + 1), np.uint8))
        mask = grown == 0
        # The outermost rows and columns carry resampling and JPEG edge effects.
        mask[:1], mask[-1:], mask[:, :1], mask[:, -1:] = False, False, False, False
        return mask if mask.sum() >= 0.02 * mask.size else None

    @cached_property
    def half_background(self) -> np.ndarray | None:
        """The background at half size (for background.plain's edges), drawn as
        quarter_background is but at twice its resolution: the edge limits were calibrated
        on a full-size mask, which this follows to within a pixel of the full size."""
        h, w = self.half_gray.shape
        person = (self.half_person[:h, :w] > 16).view(np.uint8)
        margin = max(2, round(0.012 * max(self.shape) / 2))
        grown = cv2.dilate(person, np.ones((2 * margin + 1, 2 * margin + 1), np.uint8))
        mask = grown == 0
        mask[:1], mask[-1:], mask[:, :1], mask[:, -1:] = False, False, False, False
        return mask if mask.sum() >= 0.02 * mask.size else None

    @cached_property
    def background_lab(self) -> np.ndarray | None:
        """Median L, a, b of the background (OpenCV 8-bit scaling), or None."""
        if self.quarter_background is None:
            return None
        lab, mask = self.quarter_lab, self.quarter_background
        return np.array([histogram_median(histogram_u8(lab, c, mask)) for c in range(3)])

    @cached_property
    def skin_histograms(self) -> list[np.ndarray] | None:
        """Histograms of the face's skin in L, a and b (OpenCV 8-bit scaling), or None: the
        skin's medians and lighting.exposure's lightness figures are all read from them."""
        if self.face_skin is None:
            return None
        return [histogram_u8(self.face_lab, c, self.face_skin) for c in range(3)]

    @cached_property
    def skin_lab(self) -> np.ndarray | None:
        """Median L, a, b of the face's skin (OpenCV 8-bit scaling), or None."""
        if self.skin_histograms is None:
            return None
        return np.array([_median_of(hist) for hist in self.skin_histograms])

    @cached_property
    def geometry(self) -> Geometry | None:
        if self.points is None or not self.in_frame:
            return None
        h, w = self.shape
        return geometry.measure(self.points, self.faces.person_mask, w, h)

    @cached_property
    def lid_openings(self) -> list[float]:
        return lid_openings(self.points) if self.points is not None else []

    @cached_property
    def iod(self) -> float:
        return inter_ocular(self.points) if self.points is not None else 0.0

    @cached_property
    def eye_contrast(self) -> list[float]:
        """Per eye, sclera against iris lightness (landmarks.eye_contrast); [] without a face."""
        return eye_contrast(self.points, self.lightness) if self.points is not None else []

    @cached_property
    def cover_edge(self) -> CoverEdge | None:
        """A cover's edge across both eyes (eye_cover.cover_edge); None without a face."""
        return cover_edge(self.points, self.gray, self.iod) if self.points is not None else None

    @cached_property
    def face_skin(self) -> np.ndarray | None:
        """The face's skin (landmarks.skin_mask, where the segmentation is sure of the person)
        in face_region's frame, the frame of face_lab; None without a face or with too little
        skin. The skin mask is an eroded face oval, so it lies inside the mesh's box and
        therefore inside face_region."""
        if self.points is None:
            return None
        px, py, patch = skin_patch(self.points, self.shape)
        ph, pw = patch.shape
        patch &= self.faces.person_mask[py : py + ph, px : px + pw] > 0.5
        if np.count_nonzero(patch) <= 200:
            return None
        x0, y0, x1, y1 = self.face_region
        out = np.zeros((y1 - y0, x1 - x0), bool)
        ix0, iy0, ix1, iy1 = max(x0, px), max(y0, py), min(x1, px + pw), min(y1, py + ph)
        if ix1 > ix0 and iy1 > iy0:
            out[iy0 - y0 : iy1 - y0, ix0 - x0 : ix1 - x0] = patch[
                iy0 - py : iy1 - py, ix0 - px : ix1 - px
            ]
        return out

    @cached_property
    def skin(self) -> np.ndarray | None:
        """face_skin in the photo's frame."""
        if self.face_skin is None:
            return None
        mask = np.zeros(self.shape, bool)
        x0, y0, x1, y1 = self.face_region
        mask[y0:y1, x0:x1] = self.face_skin
        return mask

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
    def hand_candidates(self) -> int:
        """Quarter-size pixels, away from the head and the neck below it, whose colour could be
        skin: in the usual skin range (YCrCb); or, where this face's own skin lies outside that
        range (coloured stage light, which tints a hand as much as the face), near its colour."""
        ycc = cv2.cvtColor(self.quarter_rgb, cv2.COLOR_RGB2YCrCb)
        # Cr 133-173 and Cb 77-127, in one pass over the interleaved channels. (Masks stay
        # OpenCV's 0/255 bytes throughout: combined and counted without numpy booleans.)
        skin = cv2.inRange(ycc, (0, 133, 77), (255, 173, 127))
        if self.points is None:
            return cv2.countNonZero(skin)
        q = self.points[:, :2] / 4
        x0, y0 = np.floor(q.min(0)).astype(int)
        x1, y1 = np.ceil(q.max(0)).astype(int)
        face = skin[max(0, y0) : y1, max(0, x0) : x1]
        if self.skin_lab is not None:
            ref = self.skin_lab.astype(np.int16)
            d = cv2.absdiff(self.quarter_lab, (*ref.tolist(), 0))
            # Lit like the face: hair and most clothing in skin tones are darker or lighter.
            # (Integer distances: d <= 0.3 L is d <= floor(0.3 L).)
            lit = int(np.floor(0.3 * ref[0]))
            # Less than half of the face in the usual skin range (counted exactly).
            if face.size and 2 * cv2.countNonZero(face) < face.size:
                skin = cv2.inRange(d, (0, 0, 0), (lit, 6, 8))
            else:
                skin = cv2.bitwise_and(skin, cv2.inRange(d, (0, 0, 0), (lit, 255, 255)))
        # A hand, the subject's or a helper's, is part of a person to the segmentation.
        skin = cv2.bitwise_and(skin, skin, mask=self.quarter_person)
        # The head, up to the top edge, with hair and ears (down to the mouth); the face
        # itself; and the neck and collar, widening below the chin as necklines do. A hand
        # on a cheek or under the chin still shows beside the face below the ears.
        side = round(0.35 * self.iod / 4)
        ears = int(q[MOUTH_LEFT, 1])
        skin[: ears + 1, max(0, x0 - side) : x1 + 1 + side] = 0
        skin[: y1 + 1, max(0, x0) : x1 + 1] = 0
        jaw = np.sort(q[[JAW_LEFT, JAW_RIGHT], 0])
        rows = np.arange(skin.shape[0])[:, None] - float(q[CHIN, 1])
        cols = np.arange(skin.shape[1])[None, :]
        half = (jaw[1] - jaw[0]) / 2 + 0.6 * np.maximum(rows, 0)
        beside = (np.abs(cols - jaw.mean()) > half).view(np.uint8)
        skin = cv2.bitwise_and(skin, skin, mask=beside)
        skin = cv2.morphologyEx(skin, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
        return cv2.countNonZero(skin)

    @cached_property
    def hands(self) -> list[tuple[float, float, float, float]]:
        """Hands in the photo (x, y, w, h). The palm detector is the costliest model of all, so
        it runs only where a hand could be: skin-coloured pixels outside the face and neck."""
        if self.points is not None and self.hand_candidates < HAND_GATE * (self.iod / 4) ** 2:
            return []
        return find_hands(self.rgb)
