"""face.eyes_visible against a hat over the eyes on every subject, and its cover-edge measure
on real visible eyes: both photo and mirror image, with the measure's CPU time.

    .venv/bin/python bench/eye_cover_bench.py [EVALSET_DIR] [REAL_FRAMED_DIR]

EVALSET_DIR (default out/evalset, see quality_bench.py): a hat (tests/defects.py) is painted
over each clean photo. REAL_FRAMED_DIR (default out/real-framed, from
`score.py --keep out/real-framed`): real portraits with visible eyes; skipped when absent.
Prints per set the check's answers, the mirror disagreements and the measure's range.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import cv2
import numpy as np

cv2.setNumThreads(1)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from defects import hat, jpeg  # noqa: E402

from luppa.quality.analysis import Analysis, analysis_image  # noqa: E402
from luppa.quality.checks.accessories import (  # noqa: E402
    MAX_COVER_BEND,
    eyes_visible,
)
from luppa.quality.decode import decode  # noqa: E402
from luppa.quality.eye_cover import cover_edge  # noqa: E402
from luppa.quality.faces import find_faces  # noqa: E402


def measure(photos: dict[str, bytes]) -> dict[str, dict]:
    out = {}
    for name, data in photos.items():
        photo = decode(data)
        for mirrored in (False, True):
            rgb, in_frame = analysis_image(photo.rgb[:, ::-1].copy() if mirrored else photo.rgb)
            a = Analysis(photo, rgb, in_frame, find_faces(rgb))
            if a.points is None:
                continue
            gray = a.gray
            started = time.process_time()
            for _ in range(10):
                edge = cover_edge(a.points, gray, a.iod)
            ms = (time.process_time() - started) * 100
            o = eyes_visible(a)
            out[name + (" (mirrored)" if mirrored else "")] = {
                "key": o.key,
                "strength": None if edge is None else edge.strength,
                "bend": None if edge is None else edge.bend,
                "ms": ms,
            }
    return out


def report(title: str, rows: dict[str, dict]) -> None:
    print(f"\n{title}: {len(rows)} photos")
    print("  face.eyes_visible:", dict(Counter(r["key"] for r in rows.values())))
    base = [k for k in rows if not k.endswith(" (mirrored)")]
    differ = [
        k
        for k in base
        if k + " (mirrored)" in rows and rows[k]["key"] != rows[k + " (mirrored)"]["key"]
    ]
    print(f"  photo and mirror differ: {len(differ)} {differ[:6]}")
    straight = [
        r["strength"]
        for r in rows.values()
        if r["strength"] is not None and r["bend"] <= MAX_COVER_BEND
    ]
    every = [r["strength"] for r in rows.values() if r["strength"] is not None]
    if every:
        print(
            f"  cover edge strength: min {min(every):.1f} max {max(every):.1f}; "
            f"straight (bend <= {MAX_COVER_BEND}): {len(straight)}, "
            f"range {min(straight, default=float('nan')):.1f}"
            f"..{max(straight, default=float('nan')):.1f}"
        )
    ms = [r["ms"] for r in rows.values()]
    print(f"  cover_edge CPU ms: median {statistics.median(ms):.2f}, max {max(ms):.2f}")


def main(argv: list[str]) -> int:
    evalset = Path(argv[0]) if argv else ROOT / "out" / "evalset"
    real = Path(argv[1]) if len(argv) > 1 else ROOT / "out" / "real-framed"
    labels = json.loads((evalset / "labels.json").read_text())
    hats = {}
    for item in labels:
        if item["kind"] != "clean":
            continue
        rgb = cv2.cvtColor(cv2.imread(str(evalset / item["file"])), cv2.COLOR_BGR2RGB)
        p = find_faces(rgb).landmarks
        if p is not None:
            hats[item["file"]] = jpeg(hat(rgb, p))
    report("hat over the eyes, painted on every clean synthetic photo", measure(hats))
    if real.is_dir():
        photos = {f.name: f.read_bytes() for f in sorted(real.glob("*.jpg"))}
        report("real portraits (eyes visible)", measure(photos))
    return 0


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.exit(main(sys.argv[1:]))
