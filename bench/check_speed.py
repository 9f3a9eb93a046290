"""Where the time of one photo check goes: per stage, per model and per check, on one core.

    .venv/bin/python bench/check_speed.py [--n 80] [--src DIR]

Photos: the evaluation set's clean photos (out/evalset, built by quality_bench.py) and, when
present, the framed real photos (out/real-framed, see score.py --keep). One core, one thread
everywhere (OpenCV, OpenMP, TFLite's XNNPACK runs single-threaded on Linux by default).

On a machine shared with other work, wall time mostly measures the neighbours; the process's
CPU time (time.process_time: MediaPipe's own graph threads included, pinned to the same core)
says more about the code, and the load average is printed beside it. A stage's time includes
what it is the first to compute of the shared, cached measurements (Analysis): that is the
cost it adds. Prints the per-stage table, the per-photo medians of the full assess() (wall
and CPU) for today's checks and for every check, today's checks in a pass of their own (the
stage sum charges a shared measurement to the first check that asks for it, and face.hands,
a new check, asks first for several that today's checks need too), and the cold start of a
new process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
# Checks added by issue 9; "today's checks" are the others.
NEW_CHECKS = {"face.hands", "face.eyes_visible", "accessories.head_covering", "pose.shoulders"}
# Model runs, each timed on its own (the checks that trigger them are charged the rest).
MODELS = {
    "mesh": "face mesh",
    "segmenter": "person segmentation",
    "detector": "full-range face detector",
    "hands": "palm detector + hand model",
}


def photos(n: int) -> list[Path]:
    files = sorted((ROOT / "out" / "evalset").glob("*__clean*.jpg"))[: n // 2]
    files += sorted((ROOT / "out" / "real-framed").glob("*.jpg"))[: n - len(files)]
    return files


def cold_start(photo: Path, src: Path) -> tuple[float, float]:
    """Wall and CPU ms of a new process: imports, model load, first photo."""
    code = (
        "import time,sys; w=time.perf_counter(); c=time.process_time(); "
        f"sys.path.insert(0, {str(src)!r}); from luppa.quality import assess; "
        f"assess(open({str(photo)!r},'rb').read()); "
        "print((time.perf_counter()-w)*1000, (time.process_time()-c)*1000)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=80, help="photos (half clean, half real)")
    parser.add_argument("--src", default=str(ROOT / "src"), help="the luppa source to time")
    args = parser.parse_args()
    src = Path(args.src).resolve()
    sys.path.insert(0, str(src))
    import cv2

    cv2.setNumThreads(1)
    from luppa.quality import assess, warm_up
    from luppa.quality import faces as faces_module
    from luppa.quality.analysis import Analysis, analysis_image
    from luppa.quality.decode import decode
    from luppa.quality.registry import CHECKS

    files = photos(args.n)
    if not files:
        print("no photos: run bench/quality_bench.py (and score.py --keep out/real-framed)")
        return 0
    warm_up()
    stages: dict[str, list[float]] = defaultdict(list)
    models = faces_module._models()
    model_cpu: dict[str, float] = defaultdict(float)

    def timed_model(name: str, model):
        # MediaPipe's solution graphs have .process(); the direct LiteRT models are called.
        call = getattr(model, "process", model)

        def run(*args, **kwargs):
            c = time.process_time()
            try:
                return call(*args, **kwargs)
            finally:
                model_cpu[name] += (time.process_time() - c) * 1000

        if hasattr(model, "process"):
            model.process = run
        else:
            setattr(models, name, run)

    for name in MODELS:
        if hasattr(models, name):
            timed_model(name, getattr(models, name))
    datas = [f.read_bytes() for f in files]
    for data in datas[:3]:
        assess(data)

    # 1. The full assess(), as a user's upload runs it.
    wall, cpu = [], []
    for data in datas:
        w, c = time.perf_counter(), time.process_time()
        assess(data)
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)

    # 2. Today's checks alone, as assess() would run them without the new ones: the shared
    # measurements (Analysis) a new check is the first to ask for are then charged to the
    # today's checks that need them too, which the stage-by-stage sum below leaves out.
    today_checks = [c for c in CHECKS if c.id not in NEW_CHECKS]
    today_alone = []
    for data in datas:
        c = time.process_time()
        photo = decode(data)
        rgb, in_frame = analysis_image(photo.rgb)
        analysis = Analysis(photo, rgb, in_frame, faces_module.find_faces(rgb))
        for check in today_checks:
            check(analysis)
        today_alone.append((time.process_time() - c) * 1000)

    # 3. The full assess() again, stage by stage.
    per_photo_today, per_photo_all = [], []
    for data in datas:
        row: dict[str, float] = {}
        c = time.process_time()
        photo = decode(data)
        row["decode"] = (time.process_time() - c) * 1000
        c = time.process_time()
        rgb, in_frame = analysis_image(photo.rgb)
        row["resize"] = (time.process_time() - c) * 1000
        model_cpu.clear()
        c = time.process_time()
        found = faces_module.find_faces(rgb)
        row["find_faces (glue)"] = (time.process_time() - c) * 1000 - sum(model_cpu.values())
        for name, ms in model_cpu.items():
            row[f"model: {MODELS[name]}"] = ms
        analysis = Analysis(photo, rgb, in_frame, found)
        for check in CHECKS:
            model_cpu.clear()
            c = time.process_time()
            check(analysis)
            spent = (time.process_time() - c) * 1000
            for name, ms in model_cpu.items():
                row[f"model: {MODELS[name]}"] = row.get(f"model: {MODELS[name]}", 0.0) + ms
            row[check.id] = spent - sum(model_cpu.values())
        for name, ms in row.items():
            stages[name].append(ms)
        hands = row.get(f"model: {MODELS['hands']}", 0.0)
        new = sum(ms for name, ms in row.items() if name in NEW_CHECKS) + hands
        per_photo_all.append(sum(row.values()))
        per_photo_today.append(sum(row.values()) - new)

    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    print(f"{src}: {len(files)} photos, one core, load average {' '.join(load)}\n")
    print("| stage, model or check | median CPU ms | mean CPU ms | p90 CPU ms | runs |")
    print("|---|---:|---:|---:|---:|")
    for name, values in sorted(stages.items(), key=lambda kv: -statistics.fmean(kv[1])):
        p90 = statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]
        runs = sum(1 for v in values if v > 0.05)
        print(f"| {name} | {statistics.median(values):.2f} | {statistics.fmean(values):.2f} | "
              f"{p90:.2f} | {runs}/{len(values)} |")  # fmt: skip
    print(
        f"\nsum of the stages per photo (CPU): today's checks median "
        f"{statistics.median(per_photo_today):.1f} ms, every check median "
        f"{statistics.median(per_photo_all):.1f} ms (mean {statistics.fmean(per_photo_all):.1f})"
    )
    print(f"today's checks alone (their own pass, shared measurements included): median "
          f"{statistics.median(today_alone):.1f} ms CPU")  # fmt: skip
    print(f"full assess() per photo, models loaded: median {statistics.median(cpu):.1f} ms CPU, "
          f"{statistics.median(wall):.1f} ms wall; p90 "
          f"{statistics.quantiles(cpu, n=10)[-1]:.1f} ms CPU")  # fmt: skip
    cold_wall, cold_cpu = cold_start(files[0], src)
    print(f"cold start (new process: imports, model load, first photo): {cold_wall:.0f} ms wall, "
          f"{cold_cpu:.0f} ms CPU")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
