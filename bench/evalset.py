"""Builds the labelled evaluation set from ../shared/samples (never committed: see README).

Each usable single-face sample is put on a plain light studio background (using the person
segmentation), mirrored for a second subject view, and framed with the head in the middle
of the decree's bands ("clean") and at a random valid position ("clean_jitter"). Every
defect class is then derived from the clean photo with a known label: the check that must
fail. Background replacement is done here only to make clean reference photos; the
product itself never retouches.
"""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from luppa.quality.faces import find_faces
from luppa.quality.frame import encode_jpeg
from luppa.quality.geometry import measure
from luppa.quality.landmarks import EYES, FACE_OVAL
from luppa.quality.limits import HEIGHT, WIDTH
from luppa.quality.report import Geometry

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
# Single-face samples with enough resolution for a sharp 500x653 frame (crown to chin
# >= 378 px in the source); the rest are refused by `luppa frame` as too small.
SOURCES = [
    "public-domain/obama.jpg", "public-domain/obama2.jpg", "public-domain/obama3.jpg",
    "public-domain/biden.jpg", "public-domain/biden2.jpg",
    "portraits/img1.jpg", "portraits/img2.jpg", "portraits/img3.jpg", "portraits/img4.jpg",
    "portraits/img6.jpg", "portraits/img7.jpg", "portraits/img8.jpg", "portraits/img9.jpg",
    "portraits/img11.jpg", "portraits/img13.jpg", "portraits/img15.jpg",
    "portraits/img18.jpg", "portraits/img19.jpg",
]  # fmt: skip
BACKGROUNDS = [(236, 236, 234), (218, 220, 223), (226, 226, 228), (208, 210, 212)]

# defect class -> the check that must fail on it
DEFECTS = {
    "head_small": "geometry.crown_to_chin",
    "head_large": "geometry.crown_to_chin",
    "off_centre": "geometry.centre_line",
    "too_high": "geometry.crown_margin",
    "too_low": "geometry.crown_margin",
    "blur": "image.sharpness",
    "noise": "image.noise",
    "under_exposed": "lighting.exposure",
    "over_exposed": "lighting.exposure",
    "jpeg_artefacts": "format.compression",
    "colour_cast": "image.colour",
    "side_shadow": "lighting.even",
    "cluttered_background": "background.plain",
    "dark_background": "background.light",
    "second_face": "face.single",
    "red_eye": "lighting.red_eye",
    "head_tilted": "pose.straight",
}


@dataclass
class Subject:
    name: str
    rgb: np.ndarray  # source pixels on a plain background
    person: np.ndarray  # float mask
    geometry: Geometry
    points: np.ndarray
    background: tuple[int, int, int]
    original: np.ndarray


def _studio(rgb: np.ndarray, mask: np.ndarray, colour: tuple[int, int, int]) -> np.ndarray:
    h, _w = mask.shape
    ramp = np.linspace(6, -6, h, dtype=np.float32)[:, None, None]
    bg = np.clip(np.array(colour, np.float32)[None, None, :] + ramp, 0, 255)
    alpha = cv2.GaussianBlur(mask, (0, 0), 1.0)[..., None]
    return (alpha * rgb + (1 - alpha) * bg).astype(np.uint8)


def load_subject(path: Path, mirror: bool, index: int) -> Subject | None:
    rgb = np.asarray(Image.open(path).convert("RGB"))
    if mirror:
        rgb = np.ascontiguousarray(rgb[:, ::-1])
    h, w = rgb.shape[:2]
    d = min(1.0, 1000 / max(h, w))
    small = cv2.resize(rgb, (round(w * d), round(h * d)), interpolation=cv2.INTER_AREA)
    faces = find_faces(small)
    if faces.landmarks is None:
        return None
    mask = cv2.resize(faces.person_mask, (w, h), interpolation=cv2.INTER_LINEAR)
    colour = BACKGROUNDS[index % len(BACKGROUNDS)]
    studio = _studio(rgb, mask, colour)
    g = measure(faces.landmarks, faces.person_mask, small.shape[1], small.shape[0])
    g = Geometry(g.crown_y / d, g.chin_y / d, g.centre_x / d, w, h)
    points = faces.landmarks / d
    return Subject(path.stem + ("_m" if mirror else ""), studio, mask, g, points, colour, rgb)


def place(s: Subject, head: float = 473, crown: float = 70, offset: float = 0,
          image: np.ndarray | None = None, angle: float = 0.0) -> np.ndarray:  # fmt: skip
    scale = head / s.geometry.crown_to_chin
    x0 = s.geometry.centre_x - (WIDTH / 2 + offset) / scale
    y0 = s.geometry.crown_y - crown / scale
    m = np.array([[scale, 0, -x0 * scale], [0, scale, -y0 * scale]])
    if angle:
        centre = (WIDTH / 2 + offset, crown + head / 2)
        rot = cv2.getRotationMatrix2D(centre, angle, 1.0)
        m = rot @ np.vstack([m, [0, 0, 1]])
    src = s.rgb if image is None else image
    if scale < 0.7:
        src = cv2.GaussianBlur(src, (0, 0), 0.45 / scale)
    return cv2.warpAffine(src, m, (WIDTH, HEIGHT), flags=cv2.INTER_CUBIC,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=s.background)  # fmt: skip


def _points_in_frame(s: Subject, head: float = 473, crown: float = 70, offset: float = 0):
    scale = head / s.geometry.crown_to_chin
    x0 = s.geometry.centre_x - (WIDTH / 2 + offset) / scale
    y0 = s.geometry.crown_y - crown / scale
    p = s.points.copy()
    p[:, 0] = (p[:, 0] - x0) * scale
    p[:, 1] = (p[:, 1] - y0) * scale
    return p


def _lean(points: np.ndarray) -> float:
    left, right = points[EYES[0].iris_centre], points[EYES[1].iris_centre]
    return 1.0 if right[1] >= left[1] else -1.0


def _srgb_exposure(rgb: np.ndarray, stops: float) -> np.ndarray:
    linear = (rgb.astype(np.float32) / 255.0) ** 2.2 * (2.0**stops)
    return (np.clip(linear, 0, 1) ** (1 / 2.2) * 255).astype(np.uint8)


def _jpeg(rgb: np.ndarray, quality: int | None = None) -> bytes:
    if quality is None:
        return encode_jpeg(rgb, greyscale=False)[0]
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _face_mask(points: np.ndarray) -> np.ndarray:
    mask = np.zeros((HEIGHT, WIDTH), np.uint8)
    cv2.fillPoly(mask, [np.round(points[list(FACE_OVAL), :2]).astype(np.int32)], 1)
    return mask


def _clutter(s: Subject, rng: random.Random) -> np.ndarray:
    """Shelves, frames and cables behind the subject, inside the part the frame will show."""
    canvas = np.full_like(s.rgb, s.background, dtype=np.uint8)
    _h, _w = canvas.shape[:2]
    unit = s.geometry.crown_to_chin / 473  # source pixels per output pixel
    fx0, fx1 = s.geometry.centre_x - 250 * unit, s.geometry.centre_x + 250 * unit
    fy0, fy1 = s.geometry.crown_y - 70 * unit, s.geometry.crown_y + 583 * unit
    for _ in range(30):
        colour = tuple(rng.randint(40, 230) for _ in range(3))
        x, y = int(rng.uniform(fx0, fx1)), int(rng.uniform(fy0, fy1))
        size = int(rng.uniform(25, 110) * unit)
        kind = rng.random()
        if kind < 0.4:
            cv2.rectangle(canvas, (x, y), (x + size, y + size // 2), colour, -1)
        elif kind < 0.7:
            end = (x + size, y + rng.randint(-size, size))
            cv2.line(canvas, (x, y), end, colour, max(2, int(3 * unit)))
        else:
            cv2.circle(canvas, (x, y), size // 2, colour, max(2, int(3 * unit)))
    alpha = s.person[..., None]
    return (alpha * s.original + (1 - alpha) * canvas).astype(np.uint8)


def _dark_background(s: Subject) -> np.ndarray:
    return _studio(s.original, s.person, (95, 97, 100))


def _side_shadow(img: np.ndarray, points: np.ndarray) -> np.ndarray:
    face = cv2.dilate(_face_mask(points), np.ones((15, 15), np.uint8)).astype(np.float32)
    centre = float(np.mean(points[[10, 168, 1, 152], 0]))
    xs = np.arange(WIDTH, dtype=np.float32)[None, :]
    side = np.clip((centre - xs) / 20.0, 0, 1)  # 1 on the image-left half
    factor = 1 - 0.55 * cv2.GaussianBlur(face, (0, 0), 6) * side
    return np.clip(img.astype(np.float32) * factor[..., None], 0, 255).astype(np.uint8)


def _red_eye(img: np.ndarray, points: np.ndarray) -> np.ndarray:
    out = img.copy()
    for eye in EYES:
        c = points[eye.iris_centre, :2]
        r = np.mean(np.linalg.norm(points[list(eye.iris_ring), :2] - c, axis=1))
        cv2.circle(out, (round(c[0]), round(c[1])), max(2, round(0.55 * r)), (205, 35, 30), -1)
    return cv2.addWeighted(out, 0.9, img, 0.1, 0)


def _second_face(img: np.ndarray, other: Subject) -> np.ndarray:
    donor = place(other)
    p = _points_in_frame(other)
    x0, y0 = np.maximum(p[:, :2].min(0) - 10, 0).astype(int)
    x1, y1 = p[:, :2].max(0).astype(int) + 10
    patch = cv2.resize(donor[y0:y1, x0:x1], None, fx=0.42, fy=0.42, interpolation=cv2.INTER_AREA)
    out = img.copy()
    ph, pw = patch.shape[:2]
    out[10 : 10 + ph, WIDTH - pw - 4 : WIDTH - 4] = patch
    return out


def build(out_dir: Path) -> list[dict]:
    """Writes the JPEGs and labels.json into out_dir; returns the labels."""
    out_dir.mkdir(parents=True, exist_ok=True)
    subjects = []
    for i, rel in enumerate(SOURCES):
        for mirror in (False, True):
            s = load_subject(SAMPLES / rel, mirror, i)
            if s is not None:
                subjects.append(s)
    labels = []

    def emit(name: str, data: bytes, kind: str, subject: Subject) -> None:
        (out_dir / f"{name}.jpg").write_bytes(data)
        labels.append({"file": f"{name}.jpg", "kind": kind, "subject": subject.name,
                       "expect_fail": DEFECTS.get(kind)})  # fmt: skip

    for i, s in enumerate(subjects):
        rng = random.Random(i)
        clean = place(s)
        pts = _points_in_frame(s)
        emit(f"{s.name}__clean", _jpeg(clean), "clean", s)
        # A random placement inside the bands, a few pixels in from every edge.
        head = rng.uniform(455, 490)
        low, high = max(62.0, HEIGHT - 118 - head), min(78.0, HEIGHT - 102 - head)
        crown = rng.uniform(low, max(low, high))
        emit(f"{s.name}__clean_jitter",
             _jpeg(place(s, head, crown, rng.uniform(-14, 14))), "clean", s)  # fmt: skip
        variants = {
            "head_small": place(s, head=415, crown=90),
            "head_large": place(s, head=530, crown=60),
            "off_centre": place(s, offset=rng.choice((-1, 1)) * 36),
            "too_high": place(s, crown=38),
            "too_low": place(s, crown=100),
            "blur": cv2.GaussianBlur(clean, (0, 0), 2.0),
            "noise": np.clip(
                clean + np.random.default_rng(i).normal(0, 9, clean.shape), 0, 255
            ).astype(np.uint8),
            "under_exposed": _srgb_exposure(clean, -2.0),
            "over_exposed": _srgb_exposure(clean, 1.6),
            "colour_cast": np.clip(clean * np.array([1.10, 1.0, 0.80]), 0, 255).astype(np.uint8),
            "side_shadow": _side_shadow(clean, pts),
            "cluttered_background": place(s, image=_clutter(s, rng)),
            "dark_background": place(s, image=_dark_background(s)),
            "second_face": _second_face(clean, subjects[(i + 3) % len(subjects)]),
            "red_eye": _red_eye(clean, pts),
            # Tilt further the way the subject already leans, so the defect adds to it.
            "head_tilted": place(s, angle=-13 * _lean(pts)),
        }
        for kind, img in variants.items():
            emit(f"{s.name}__{kind}", _jpeg(img), kind, s)
        emit(f"{s.name}__jpeg_artefacts", _jpeg(clean, quality=12), "jpeg_artefacts", s)
    (out_dir / "labels.json").write_text(json.dumps(labels, indent=1))
    return labels
