"""pose.shoulders (decree 3 §: shoulders square to the camera) on real and synthetic photos,
with the CPU time of its measure alone.

    .venv/bin/python bench/shoulders_bench.py [--src DIR] [--angles 10 15 20]

Real: out/real-framed (from `score.py --keep out/real-framed`), hand-labelled in
bench/shoulder_labels.json as shoulders_not_square true / false / "unsure" (unsure photos are
left out of caught and false fails; most show no shoulders at all). Synthetic: every clean
photo of out/evalset (quality_bench.py) should pass (they are labelled by eye as well: one
press portrait there has a turned body); for each, the body beside and below the head is
sheared by ± each angle (tests/defects.py shoulders_tilted: one shoulder raised, the other
dropped) and must be caught. Both sets are read
photo and mirror image. Prints per set caught (warn or fail) / false fails / warns / not
judged, the measure's range on square shoulders, and the CPU ms per photo of
pose.shoulder_line alone (the segmentation and mesh it reads are computed for other checks).
"""

from __future__ import annotations

import argparse
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

cv2.setNumThreads(1)

ROOT = Path(__file__).resolve().parents[1]
_parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
_parser.add_argument("--src", type=Path, default=ROOT / "src", help="luppa's source to run")
_parser.add_argument("--angles", type=float, nargs="+", default=[10.0, 15.0, 20.0])
ARGS = _parser.parse_args()
sys.path.insert(0, str(ARGS.src))
sys.path.insert(0, str(ROOT / "tests"))

from defects import jpeg, shoulders_tilted  # noqa: E402

from luppa.quality.analysis import Analysis, analysis_image  # noqa: E402
from luppa.quality.checks.pose import shoulder_line, shoulders  # noqa: E402
from luppa.quality.decode import decode  # noqa: E402
from luppa.quality.faces import find_faces  # noqa: E402

_LABELS = json.loads((ROOT / "bench" / "shoulder_labels.json").read_text())
REAL_LABELS, CLEAN_LABELS = _LABELS["real-framed"], _LABELS["evalset-clean"]


def analysis_of(data: bytes, mirrored: bool = False) -> Analysis:
    photo = decode(data)
    rgb = photo.rgb[:, ::-1].copy() if mirrored else photo.rgb
    rgb, in_frame = analysis_image(rgb)
    return Analysis(photo, rgb, in_frame, find_faces(rgb))


def judge(a: Analysis, times: list[float]) -> tuple[str, float | None]:
    if a.points is not None:
        started = time.process_time()
        for _ in range(20):
            shoulder_line(a.faces.person_mask, a.points, a.iod)
        times.append((time.process_time() - started) * 1000 / 20)
    outcome = shoulders(a)
    return str(outcome.status), outcome.value


def row(name: str, positives: Counter, negatives: Counter) -> str:
    npos, nneg = sum(positives.values()), sum(negatives.values())
    caught = positives["fail"] + positives["warn"]
    return (
        f"| {name} | {caught}/{npos} ({positives['not_evaluated']} not judged) "
        f"| {negatives['fail']}/{nneg} | {negatives['warn']}/{nneg} "
        f"| {negatives['not_evaluated']}/{nneg} |"
    )


def unsure_row(name: str, answers: Counter) -> str:
    n = sum(answers.values())
    return (
        f"| {name} | – | {answers['fail']}/{n} | {answers['warn']}/{n} "
        f"| {answers['not_evaluated']}/{n} |"
    )


def main() -> None:
    times: list[float] = []
    square: list[float] = []
    print("| set | caught (warn/fail) of positives | false fails | false warns | not judged |")
    print("|---|---:|---:|---:|---:|")

    flagged: list[str] = []
    real = sorted((ROOT / "out" / "real-framed").glob("*.jpg"))
    pos, neg, unsure = Counter(), Counter(), Counter()
    for path in real:
        label = REAL_LABELS.get(path.name, "unsure")
        for mirrored in (False, True):
            status, value = judge(analysis_of(path.read_bytes(), mirrored), times)
            target = pos if label is True else neg if label is False else unsure
            target[status] += 1
            if label is False and value is not None:
                square.append(value)
            if status != "not_evaluated" and (label is True or status != "pass"):
                flagged.append(f"real {path.name}{' (mirror)' * mirrored}: label {label}, "
                               f"{status} {value}")  # fmt: skip
    if real:
        print(row("real, labelled (photo + mirror)", pos, neg))
        print(unsure_row("real, unsure (photo + mirror)", unsure))

    clean = sorted((ROOT / "out" / "evalset").glob("*__clean.jpg"))
    neg, by_label = Counter(), {True: Counter(), False: Counter(), "unsure": Counter()}
    tilted: dict[float, Counter] = {angle: Counter() for angle in ARGS.angles}
    judged: dict[float, Counter] = {angle: Counter() for angle in ARGS.angles}
    for path in clean:
        data = path.read_bytes()
        for mirrored in (False, True):
            a = analysis_of(data, mirrored)
            status, value = judge(a, times)
            label = CLEAN_LABELS.get(path.name, "unsure")
            neg[status] += 1
            by_label[label][status] += 1
            if value is not None and label is False:
                square.append(value)
            if status != "pass" and status != "not_evaluated":
                flagged.append(f"clean {path.name}{' (mirror)' * mirrored}: label {label}, "
                               f"{status} {value}")  # fmt: skip
            if a.points is None:
                continue
            for angle in ARGS.angles:
                for sign in (-1, 1):
                    variant = jpeg(shoulders_tilted(a.rgb, a.points, sign * angle))
                    t_status, _ = judge(analysis_of(variant), times)
                    tilted[angle][t_status] += 1
                    if status == "pass":
                        judged[angle][t_status] += 1
    if clean:
        print(row("synthetic clean, all (photo + mirror)", Counter(), neg))
        print(row("synthetic clean, labelled by eye", by_label[True], by_label[False]))
        print(unsure_row("synthetic clean, unsure", by_label["unsure"]))
        for angle in ARGS.angles:
            print(row(f"synthetic shoulders tilted ±{angle:g}°", tilted[angle], Counter()))
            print(row("  of those whose clean photo passes", judged[angle], Counter()))

    print("\nflagged, or labelled not square and judged:")
    for line in flagged:
        print("  " + line)
    if square:
        magnitudes = sorted(abs(v) for v in square)
        print(f"\nsquare shoulders by eye (real + synthetic clean), judged: n={len(square)}, "
              f"|slope| median {statistics.median(magnitudes):.1f}°, "
              f"p90 {magnitudes[int(0.9 * (len(magnitudes) - 1))]:.1f}°, "
              f"max {magnitudes[-1]:.1f}°")  # fmt: skip
    if times:
        print(f"pose.shoulder_line CPU ms per photo: median {statistics.median(times):.3f}, "
              f"max {max(times):.3f} ({len(times)} photos)")  # fmt: skip


if __name__ == "__main__":
    main()
