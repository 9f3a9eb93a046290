"""Defects a user could bring, painted onto a committed portrait: the conformance table's
variants and the photos a new user is told about. Test code only (product code never
retouches a photo)."""

from __future__ import annotations

import cv2
import numpy as np
from imagetools import HEIGHT, WIDTH, encode
from PIL import Image

from luppa.quality.faces import find_faces
from luppa.quality.landmarks import CHEEK_LEFT, CHIN, EYES, FACE_OVAL, LEFT_EYE, RIGHT_EYE

BACKDROP = (232, 232, 230)
HAND_BOX = (330, 470, 150, 170)  # x, y, w, h in the 500x653 frame: beside the chin


def studio(rgb: np.ndarray) -> np.ndarray:
    """The person on a plain light backdrop (product code never retouches; tests may)."""
    mask = find_faces(rgb).person_mask
    alpha = cv2.GaussianBlur(mask, (0, 0), 1.0)[..., None]
    ramp = np.linspace(4, -4, rgb.shape[0], dtype=np.float32)[:, None, None]
    back = np.clip(np.array(BACKDROP, np.float32) + ramp, 0, 255)
    return (alpha * rgb + (1 - alpha) * back).astype(np.uint8)


def level(rgb: np.ndarray, points: np.ndarray) -> np.ndarray:
    left, right = points[LEFT_EYE.iris_centre], points[RIGHT_EYE.iris_centre]
    roll = np.degrees(np.arctan2(right[1] - left[1], right[0] - left[0]))
    centre = tuple(float(v) for v in points[:, :2].mean(0))
    m = cv2.getRotationMatrix2D(centre, roll, 1.0)
    return cv2.warpAffine(rgb, m, (WIDTH, HEIGHT), flags=cv2.INTER_CUBIC,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=BACKDROP)  # fmt: skip


def affine(rgb: np.ndarray, scale: float = 1.0, dx: float = 0, dy: float = 0, angle: float = 0):
    m = cv2.getRotationMatrix2D((WIDTH / 2, HEIGHT / 2), angle, scale)
    m[:, 2] += (dx, dy)
    return cv2.warpAffine(rgb, m, (WIDTH, HEIGHT), flags=cv2.INTER_CUBIC,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=BACKDROP)  # fmt: skip


def person(rgb: np.ndarray) -> np.ndarray:
    return cv2.GaussianBlur(find_faces(rgb).person_mask, (0, 0), 1.0)[..., None]


def on_backdrop(rgb: np.ndarray, backdrop: np.ndarray) -> np.ndarray:
    alpha = person(rgb)
    return (alpha * rgb + (1 - alpha) * backdrop).astype(np.uint8)


def iod(p: np.ndarray) -> float:
    return float(np.linalg.norm(p[LEFT_EYE.iris_centre, :2] - p[RIGHT_EYE.iris_centre, :2]))


def eye_centres(p: np.ndarray) -> list[tuple[int, int]]:
    return [(round(p[e.iris_centre, 0]), round(p[e.iris_centre, 1])) for e in EYES]


def hat(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    """A dark fur hat pulled down over both eyes."""
    out = rgb.copy()
    bottom = int(max(p[e.iris_centre, 1] for e in EYES) + 0.3 * iod(p))
    fur = np.random.default_rng(1).normal(55, 22, (bottom, WIDTH, 1)) + np.array([12, 4, -6])
    out[:bottom] = cv2.GaussianBlur(np.clip(fur, 0, 255).astype(np.uint8), (0, 0), 1.2)
    return out


def eyes_shut(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Lids drawn over both eyes: skin where the eye opening was, and a lash line."""
    out = rgb.copy()
    below = [p[e.iris_centre, :2] + (0, 0.45 * iod(p)) for e in EYES]
    skin = np.median([rgb[round(y), round(x)] for x, y in below], axis=0)
    for e in EYES:
        ring = np.round(p[list(e.ring), :2]).astype(np.int32)
        mask = np.zeros(rgb.shape[:2], np.uint8)
        cv2.fillPoly(mask, [ring], 1)
        mask = cv2.dilate(mask, np.ones((7, 7), np.uint8)).astype(bool)
        out[mask] = skin
        lower = np.round(p[[e.outer, *e.lower, e.inner], :2]).astype(np.int32)
        cv2.polylines(out, [lower], False, (45, 35, 30), 2)
    return cv2.GaussianBlur(out, (0, 0), 0.8)


def dark_lenses(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    out = rgb.copy()
    d = iod(p)
    for c in eye_centres(p):
        cv2.ellipse(out, c, (round(0.4 * d), round(0.28 * d)), 0, 0, 360, (22, 22, 26), -1)
    return out


def brim_shadow(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    """A cap whose brim ends above the brows and shades the forehead."""
    out = rgb.astype(np.float32)
    brow = int(min(p[[105, 334, 66, 296], 1]) - 0.04 * iod(p))
    out[:brow] = out[:brow] * 0.3 + np.array([20, 30, 60]) * 0.7
    return out.astype(np.uint8)


def glasses(rgb: np.ndarray, p: np.ndarray, glare: bool) -> np.ndarray:
    out = rgb.copy()
    d = iod(p)
    centres = eye_centres(p)
    for c in centres:
        cv2.ellipse(out, c, (round(0.42 * d), round(0.3 * d)), 0, 0, 360, (25, 20, 20), 4)
    bridge_y = round(min(c[1] for c in centres) - 0.05 * d)
    inner = sorted(c[0] for c in centres)
    cv2.line(out, (round(inner[0] + 0.42 * d), bridge_y), (round(inner[1] - 0.42 * d), bridge_y),
             (25, 20, 20), 4)  # fmt: skip
    if glare:
        for x, y in centres:
            # A reflection of a softbox across the lower half of each lens.
            centre = (x + round(0.12 * d), y + round(0.17 * d))
            axes = (round(0.2 * d), round(0.07 * d))
            cv2.ellipse(out, centre, axes, -15, 0, 360, (252, 252, 252), -1)
    return out


def catchlights(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    out = rgb.copy()
    for x, y in eye_centres(p):
        cv2.circle(out, (x + 3, y - 3), 3, (255, 255, 255), -1)
    return out


def side_shadow(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    face = np.zeros((HEIGHT, WIDTH), np.uint8)
    cv2.fillPoly(face, [np.round(p[list(FACE_OVAL), :2]).astype(np.int32)], 1)
    face = cv2.GaussianBlur(cv2.dilate(face, np.ones((15, 15), np.uint8)).astype(np.float32),
                            (0, 0), 6)  # fmt: skip
    centre = float(np.mean(p[[10, 168, 1, 152], 0]))
    side = np.clip((centre - np.arange(WIDTH, dtype=np.float32)[None, :]) / 20.0, 0, 1)
    factor = 1 - 0.55 * face * side
    return np.clip(rgb * factor[..., None], 0, 255).astype(np.uint8)


def hot_spots(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    out = rgb.copy()
    d = iod(p)
    for i in (10, 151, 1, 50, 280, 205, 425):  # forehead, nose, cheeks
        cv2.circle(out, (round(p[i, 0]), round(p[i, 1])), round(0.1 * d), (255, 255, 253), -1)
    return cv2.GaussianBlur(out, (0, 0), 1.0)


def red_eye(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    out = rgb.copy()
    for e in EYES:
        c = p[e.iris_centre, :2]
        r = np.mean(np.linalg.norm(p[list(e.iris_ring), :2] - c, axis=1))
        cv2.circle(out, (round(c[0]), round(c[1])), max(2, round(0.55 * r)), (205, 35, 30), -1)
    return cv2.addWeighted(out, 0.9, rgb, 0.1, 0)


def second_face(rgb: np.ndarray, donor: np.ndarray) -> np.ndarray:
    small = cv2.resize(donor, (WIDTH // 2, HEIGHT // 2), interpolation=cv2.INTER_AREA)
    out = rgb.copy()
    out[HEIGHT - small.shape[0] :, WIDTH - small.shape[1] :] = small
    return out


def clutter(rgb: np.ndarray) -> np.ndarray:
    rng = np.random.default_rng(7)
    canvas = np.full_like(rgb, BACKDROP)
    for _ in range(40):
        colour = tuple(int(v) for v in rng.integers(40, 230, 3))
        x, y, size = (int(v) for v in (rng.integers(0, WIDTH), rng.integers(0, HEIGHT),
                                        rng.integers(20, 90)))  # fmt: skip
        cv2.rectangle(canvas, (x, y), (x + size, y + size // 2), colour, -1)
    return on_backdrop(rgb, canvas)


def gradient(rgb: np.ndarray) -> np.ndarray:
    ramp = np.linspace(250, 120, WIDTH, dtype=np.float32)[None, :, None]
    return on_backdrop(rgb, np.repeat(np.repeat(ramp, HEIGHT, 0), 3, 2))


def flat(colour: tuple[int, int, int]) -> np.ndarray:
    return np.full((HEIGHT, WIDTH, 3), colour, np.float32)


def exposure(rgb: np.ndarray, stops: float) -> np.ndarray:
    linear = (rgb.astype(np.float32) / 255.0) ** 2.2 * (2.0**stops)
    return (np.clip(linear, 0, 1) ** (1 / 2.2) * 255).astype(np.uint8)


def jpeg(rgb: np.ndarray, **kw) -> bytes:
    return encode(Image.fromarray(rgb), quality=kw.pop("quality", 92), **kw)


def painted_hand(rgb: np.ndarray, p: np.ndarray) -> np.ndarray:
    """A patch of the subject's own cheek skin raised beside the chin, where a helper's or the
    subject's hand would show. MediaPipe's palm detector needs a real hand, which no
    committed public-domain photo has, so tests answer for the model (find_hands)."""
    out = rgb.copy()
    x, y = (round(v) for v in p[CHEEK_LEFT, :2])
    skin = np.median(rgb[y + 20 : y + 40, x + 30 : x + 50].reshape(-1, 3), axis=0)
    bx, by, bw, bh = HAND_BOX
    cv2.ellipse(out, (bx + bw // 2, by + bh // 2), (bw // 2, bh // 2), 0, 0, 360,
                tuple(int(c) for c in skin), -1)  # fmt: skip
    return out


def shoulders_tilted(rgb: np.ndarray, p: np.ndarray, angle: float) -> np.ndarray:
    """One shoulder raised and the other dropped: the body beside and below the head sheared
    vertically so that its outline slopes `angle` degrees more (positive: the right side of
    the image lower), the head left as it was, on the plain backdrop sampled at the photo's
    top corners. Each column only moves up or down, so the body still reaches the bottom of
    the frame, as a real body does."""
    h, w = rgb.shape[:2]
    cx, cy, d = float(p[CHIN, 0]), float(p[CHIN, 1]), iod(p)
    back = np.median(np.concatenate([rgb[:8, :8], rgb[:8, -8:]]).reshape(-1, 3), axis=0)
    xs = np.arange(w, dtype=np.float32)
    map_x = np.broadcast_to(xs, (h, w)).copy()
    shift = np.tan(np.radians(angle)) * (xs - cx)
    map_y = (np.arange(h, dtype=np.float32)[:, None] - shift[None, :]).astype(np.float32)
    warp = {"interpolation": cv2.INTER_LINEAR, "borderMode": cv2.BORDER_REPLICATE}
    body = cv2.remap(rgb, map_x, map_y, **warp).astype(np.float32)
    body_alpha = cv2.remap(person(rgb)[..., 0], map_x, map_y, **warp)[..., None]
    body = body_alpha * body + (1 - body_alpha) * back
    # The sheared body takes over below the chin under the head, and from 0.7 iris distances
    # above it beside the head (where shoulders rise), blended over 0.15 iris distances.
    beside = np.clip((np.abs(xs - cx) / d - 0.8) / 0.3, 0, 1)
    start = cy - 0.7 * d * beside
    weight = np.clip((np.arange(h)[:, None] - start[None, :]) / (0.15 * d), 0, 1)[..., None]
    return np.clip((1 - weight) * rgb + weight * body, 0, 255).astype(np.uint8)
