"""How far the crown estimate lies from the visible top of the head, on short-haired subjects.

    .venv/bin/python bench/crown_calibration.py

For very short hair the segmented head top is the crown plus a few millimetres of hair.
Errors are in pixels of the 500x653 frame (the head scaled to 473 px crown to chin).
"""

from __future__ import annotations

import statistics
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from luppa.quality.faces import find_faces
from luppa.quality.geometry import CROWN_RATIO, head_top
from luppa.quality.landmarks import CHIN, MIDLINE, eye_centre_y

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
SHORT_HAIR = [
    "public-domain/obama.jpg", "public-domain/obama2.jpg", "public-domain/obama3.jpg",
    "public-domain/biden.jpg", "public-domain/biden2.jpg",
    "portraits/img13.jpg", "portraits/img14.jpg", "portraits/img15.jpg",
]  # fmt: skip


def main() -> None:
    if not SAMPLES.exists():
        print(f"no samples at {SAMPLES}")
        return
    errors = []
    for rel in SHORT_HAIR:
        rgb = np.asarray(Image.open(SAMPLES / rel).convert("RGB"))
        h, w = rgb.shape[:2]
        d = min(1.0, 1000 / max(h, w))
        small = cv2.resize(rgb, (round(w * d), round(h * d)), interpolation=cv2.INTER_AREA)
        faces = find_faces(small)
        p = faces.landmarks
        chin, eyes = p[CHIN, 1], eye_centre_y(p)
        estimate = chin - CROWN_RATIO * (chin - eyes)
        top = head_top(faces.person_mask, float(np.mean(p[list(MIDLINE), 0])), 0.1 * (chin - eyes))
        frame_px = 473 / (chin - estimate)
        error = (estimate - top) * frame_px  # positive: estimate below the visible head top
        errors.append(error)
        print(f"{rel:28} estimate - head top = {error:+6.1f} px")
    mae = statistics.mean(abs(e) for e in errors)
    print(f"mean {statistics.mean(errors):+.1f} px, mean absolute {mae:.1f} px, "
          f"max {max(map(abs, errors)):.1f} px (n={len(errors)})")  # fmt: skip


if __name__ == "__main__":
    main()
