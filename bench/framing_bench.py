"""Framing a camera original in the browser flow: how long the photographer waits.

    .venv/bin/python bench/framing_bench.py [--runs 5]

The bundled public-domain portrait (luppa/quality/samples/obama.jpg) is padded with its own
edge pixels and scaled to camera sizes of 2, 12 and 24 megapixels (JPEG quality 92), then
framed by luppa.quality.frame.frame: decode, face detection on a 1000 px copy, the crop,
a second measurement, the JPEG at the highest quality under 250 kB and the full check of the
result. One core (pinned), models loaded before timing. Prints the median per size.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time
from pathlib import Path

if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import cv2
import numpy as np
from PIL import Image

import luppa.quality
from luppa.quality.frame import frame

SAMPLE = Path(luppa.quality.__file__).parent / "samples" / "obama.jpg"
SIZES = {"2 MP": (1224, 1632), "12 MP": (3000, 4000), "24 MP": (4000, 6000)}


def camera_original(width: int, height: int) -> bytes:
    rgb = np.asarray(Image.open(SAMPLE).convert("RGB"))
    # Room around the head like a real shot: the portrait in the middle of a larger frame.
    padded = cv2.copyMakeBorder(rgb, 150, 250, 200, 200, cv2.BORDER_REPLICATE)
    scale = min(width / padded.shape[1], height / padded.shape[0])
    big = cv2.resize(padded, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    out = io.BytesIO()
    Image.fromarray(big).save(out, "JPEG", quality=92)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    frame(camera_original(*SIZES["2 MP"]))  # load the models
    for name, (w, h) in SIZES.items():
        data = camera_original(w, h)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            framed = frame(data)
            times.append(time.perf_counter() - start)
        print(
            f"{name:6} {len(data) / 1e6:5.1f} MB  median {1000 * statistics.median(times):6.0f} ms"
            f"  (min {1000 * min(times):.0f}, max {1000 * max(times):.0f})"
            f"  -> {len(framed.jpeg)} bytes, JPEG quality {framed.quality}"
        )


if __name__ == "__main__":
    main()
