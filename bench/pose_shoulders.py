"""Can MediaPipe's pose models judge decree 3 §'s "shoulders square to the camera" on framed
photos? A measurement, not a check (issue 9; not shipped, see the closing note).

    .venv/bin/python bench/pose_shoulders.py [REAL_FRAMED_DIR]

Runs the pose detector and pose_landmark_full (the only pose landmark model the mediapipe
0.10.14 wheel ships; lite and heavy are downloaded at run time, which Luppa never does)
directly on LiteRT, as tflite_models.py runs the hand models, on each framed photo at half
size and on its mirror image. Prints, per photo and in total: whether both shoulder points
lie inside the 500x653 frame, the model's visibility for them, the shoulder line's tilt and
the depth asymmetry (z difference per shoulder width), how far photo and mirror disagree,
and the CPU time per photo. REAL_FRAMED_DIR defaults to out/real-framed
(`python3 ../shared/samples/real/score.py .venv/bin/luppa --keep out/real-framed`).
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
from pathlib import Path

if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import cv2
import numpy as np

from luppa.quality.decode import decode
from luppa.quality.tflite_models import Detector, Net, Rect, crop, project, to_float

cv2.setNumThreads(1)
ROOT = Path(__file__).resolve().parents[1]
# MediaPipe's pose_detection_cpu: 224x224 input in [-1, 1], anchors of strides 8, 16, 32 (the
# last three layers share stride 32), two per cell per layer, score 0.5.
DETECTOR = Detector("pose_detection/pose_detection.tflite", (8, 16, 32), (2, 2, 6), -1.0, 0.5)
LANDMARKS = Net("pose_landmark/pose_landmark_full.tflite")
LEFT_SHOULDER, RIGHT_SHOULDER = 11, 12


def shoulders(rgb: np.ndarray, scale: float = 0.5) -> np.ndarray | None:
    """The pose's 39 points (x, y, z in image pixels, visibility, presence), or None."""
    small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    found = DETECTOR(small)
    if not found:
        return None
    hip, top = found[0].keypoints[0], found[0].keypoints[1]
    # pose_detection_to_roi: centred on the hips' midpoint, rotated so that hips -> the
    # body's top point is upright, twice their distance, scaled 1.25.
    v = top - hip
    rotation = math.radians(90) - math.atan2(-v[1], v[0])
    rotation = (rotation + math.pi) % (2 * math.pi) - math.pi
    side = 2 * float(np.hypot(*v)) * 1.25
    rect = Rect(float(hip[0]), float(hip[1]), side, side, rotation)
    pixels, m = crop(small, rect, (LANDMARKS.width, LANDMARKS.height), cv2.BORDER_CONSTANT)
    raw, *_ = LANDMARKS(to_float(pixels, 0.0))
    points = raw.reshape(39, 5).astype(np.float64)
    xy = project(points[:, :3], m)
    xy[:, 2] = points[:, 2] * side / LANDMARKS.width
    sigmoid = 1 / (1 + np.exp(-points[:, 3:5]))
    return np.column_stack([xy / scale, sigmoid])


def reading(rgb: np.ndarray, mirrored: bool) -> dict | None:
    h, w = rgb.shape[:2]
    started = time.process_time()
    p = shoulders(rgb[:, ::-1].copy() if mirrored else rgb)
    ms = (time.process_time() - started) * 1000
    if p is None:
        return None
    a, b = p[RIGHT_SHOULDER].copy(), p[LEFT_SHOULDER].copy()  # image left, image right
    if mirrored:  # back into the photo's own frame
        a, b = b, a
        a[0], b[0] = w - 1 - a[0], w - 1 - b[0]
    dx, dy = b[0] - a[0], b[1] - a[1]
    width = math.hypot(dx, dy)
    return {
        "inside": all(0 <= q[0] < w and 0 <= q[1] < h for q in (a, b)),
        "visible": min(a[3], b[3]),
        "tilt": math.degrees(math.atan2(dy, dx)),
        "depth": (b[2] - a[2]) / max(width, 1.0),
        "ms": ms,
    }


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "out" / "real-framed"
    files = sorted(folder.glob("*.jpg"))
    if not files:
        print(f"no photos in {folder}")
        return 0
    rows = {}
    for f in files:
        rgb = decode(f.read_bytes()).rgb
        rows[f.name] = (reading(rgb, False), reading(rgb, True))
        o, m = rows[f.name]
        if o and m:
            print(f"{f.name[:44]:46} inside {o['inside']!s:5} {m['inside']!s:5} "
                  f"vis {o['visible']:.2f} {m['visible']:.2f} "
                  f"tilt {o['tilt']:6.1f} {m['tilt']:6.1f} "
                  f"depth {o['depth']:5.2f} {m['depth']:5.2f}")  # fmt: skip
        else:
            print(f"{f.name[:44]:46} no pose found ({'photo' if not o else 'mirror'})")
    both = [(o, m) for o, m in rows.values() if o and m]
    tilt = sorted(abs(o["tilt"] - m["tilt"]) for o, m in both)
    depth = sorted(abs(o["depth"] - m["depth"]) for o, m in both)
    ms = [r["ms"] for pair in rows.values() for r in pair if r]
    print(f"\n{len(rows)} photos; a pose found in photo and mirror: {len(both)}")
    print(f"both shoulders inside the frame (photo and mirror): "
          f"{sum(o['inside'] and m['inside'] for o, m in both)}")  # fmt: skip
    print(f"both shoulders' visibility >= 0.5 (photo and mirror): "
          f"{sum(min(o['visible'], m['visible']) >= 0.5 for o, m in both)}")  # fmt: skip
    print(f"photo vs mirror, shoulder tilt: median {statistics.median(tilt):.1f} deg, "
          f"90th percentile {tilt[int(0.9 * len(tilt))]:.1f}, max {tilt[-1]:.1f}")  # fmt: skip
    print(f"photo vs mirror, depth asymmetry (per shoulder width): median "
          f"{statistics.median(depth):.2f}, "
          f"90th percentile {depth[int(0.9 * len(depth))]:.2f}")  # fmt: skip
    print(
        f"CPU ms per photo (detector + landmarks, one thread): median {statistics.median(ms):.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
