"""CPU time of everything in a photo check but the models, for one source tree, so that two
trees can be compared on a busy machine (run them alternately).

    .venv/bin/python bench/nonmodel_speed.py [--src DIR] [--reps 7]

The face mesh and segmentation run once per photo beforehand and the palm detector is
stubbed out (its gate, the hand candidates, still runs); then decode, resize, the shared
measurements and every check are timed together, REPS times per photo. Prints the median
over photos of each photo's median and minimum CPU ms (time.process_time), and the load
average. Photos: 20 clean ones of out/evalset (quality_bench.py) and 20 of out/real-framed
(score.py --keep), as check_speed.py takes them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--src", default=str(ROOT / "src"), help="the luppa source to time")
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()
    src = str(Path(args.src).resolve())
    sys.path.insert(0, src)
    import cv2

    cv2.setNumThreads(1)
    import luppa.quality.analysis as analysis_module
    from luppa.quality import warm_up
    from luppa.quality.analysis import Analysis, analysis_image
    from luppa.quality.decode import decode
    from luppa.quality.faces import find_faces
    from luppa.quality.registry import CHECKS

    if not analysis_module.__file__.startswith(src):
        print(f"luppa imported from {analysis_module.__file__}, not {src}")
        return 1
    analysis_module.find_hands = lambda rgb: []
    files = sorted((ROOT / "out" / "evalset").glob("*__clean*.jpg"))[:20]
    files += sorted((ROOT / "out" / "real-framed").glob("*.jpg"))[:20]
    if not files:
        print("no photos: run bench/quality_bench.py (and score.py --keep out/real-framed)")
        return 0
    warm_up()
    prepared = []
    for f in files:
        data = f.read_bytes()
        rgb, _ = analysis_image(decode(data).rgb)
        prepared.append((data, find_faces(rgb)))
    times: list[list[float]] = [[] for _ in prepared]
    for _ in range(args.reps):
        for i, (data, faces) in enumerate(prepared):
            c = time.process_time()
            photo = decode(data)
            rgb, in_frame = analysis_image(photo.rgb)
            analysis = Analysis(photo, rgb, in_frame, faces)
            for check in CHECKS:
                check(analysis)
            times[i].append((time.process_time() - c) * 1000)
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(
        f"{src}: {len(files)} photos, everything but the models: median "
        f"{statistics.median(statistics.median(t) for t in times):.2f} ms CPU per photo "
        f"(of the per-photo minima {statistics.median(min(t) for t in times):.2f} ms); "
        f"load average {' '.join(load)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
