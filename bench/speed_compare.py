"""CPU time of one full check, for this checkout's code or another commit's, on one core.

    git archive <commit> src | tar -x -C /tmp/luppa-<commit>
    .venv/bin/python bench/speed_compare.py /tmp/luppa-<commit>/src   # that commit
    .venv/bin/python bench/speed_compare.py src                        # this checkout
    .venv/bin/python bench/speed_compare.py src --no-hands             # without the palm model

On a machine shared with other work, wall time says more about the neighbours than about
the code; the process's CPU time (pinned to one core, MediaPipe's threads included) does not.
Run the two versions alternately and compare medians. Photos: the evaluation set's clean
photos and, when present, the framed real photos (out/real-framed, see score.py --keep).
"""

from __future__ import annotations

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
    src = Path(sys.argv[1]).resolve()
    sys.path.insert(0, str(src))
    import cv2

    cv2.setNumThreads(1)
    import luppa.quality as quality

    assert Path(quality.__file__).is_relative_to(src), quality.__file__
    if "--no-hands" in sys.argv:
        import luppa.quality.analysis as analysis

        analysis.find_hands = lambda rgb: []
    files = sorted((ROOT / "out" / "evalset").glob("*__clean*.jpg"))[:40]
    files += sorted((ROOT / "out" / "real-framed").glob("*.jpg"))[:40]
    if not files:
        print("no photos: run bench/quality_bench.py first")
        return 0
    quality.warm_up()
    photos = [f.read_bytes() for f in files]
    for data in photos[:3]:
        quality.assess(data)
    cpu, wall = [], []
    for data in photos:
        c, w = time.process_time(), time.perf_counter()
        quality.assess(data)
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    print(f"{src}: n={len(cpu)}, median {statistics.median(cpu):.1f} ms CPU, "
          f"{statistics.median(wall):.1f} ms wall")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
