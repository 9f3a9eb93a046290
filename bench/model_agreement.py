"""Whether luppa's direct LiteRT runs of MediaPipe's hand models, full-range face detector and
person segmentation (luppa.quality.tflite_models) answer as MediaPipe's own solution graphs
did, and at what cost.

    .venv/bin/python bench/model_agreement.py [DIR ...]

Default photos: ../shared/samples/real/src and ../shared/samples/portraits (skipped when
absent), scaled to at most 1000 px as the checks see them. Prints, per model, on how many
photos both find the same number of hands or faces, the largest point or box-corner difference
in pixels, the mean and largest difference of the segmentation masks (0-1), and the median
CPU ms of each (one core, process time).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import warnings
from pathlib import Path

import cv2
import numpy as np

if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
cv2.setNumThreads(1)
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from luppa.quality import tflite_models  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"


def load(path: Path) -> np.ndarray:
    rgb = cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)
    scale = 1000 / max(rgb.shape[:2])
    if scale < 1:
        rgb = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return rgb


def cpu_ms(fn, *args):
    c = time.process_time()
    out = fn(*args)
    return out, (time.process_time() - c) * 1000


def main() -> int:
    dirs = [Path(d) for d in sys.argv[1:]] or [SAMPLES / "real" / "src", SAMPLES / "portraits"]
    files = [f for d in dirs for f in sorted(d.glob("*.jpg"))]
    if not files:
        print("no photos")
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import mediapipe as mp

        graph_hands = mp.solutions.hands.Hands(
            static_image_mode=True, max_num_hands=2, model_complexity=0,
            min_detection_confidence=0.5,
        )  # fmt: skip
        graph_faces = mp.solutions.face_detection.FaceDetection(
            model_selection=1, min_detection_confidence=0.5
        )
        graph_segmenter = mp.solutions.selfie_segmentation.SelfieSegmentation(model_selection=0)
    segmenter = tflite_models.Segmenter()
    mask_mean: list[float] = []
    mask_max = 0.0
    hands = tflite_models.Hands(0.5)
    faces = tflite_models.far_face_detector(0.5)
    same = {"hands": 0, "faces": 0}
    worst = {"hands": 0.0, "faces": 0.0}
    times: dict[str, list[float]] = {k: [] for k in ("graph hands", "direct hands",
                                                     "graph faces", "direct faces",
                                                     "graph segmentation",
                                                     "direct segmentation")}  # fmt: skip
    for path in files:
        rgb = load(path)
        h, w = rgb.shape[:2]
        result, ms = cpu_ms(graph_hands.process, rgb)
        times["graph hands"].append(ms)
        old = [np.array([(p.x * w, p.y * h) for p in hand.landmark])
               for hand in result.multi_hand_landmarks or []]  # fmt: skip
        new, ms = cpu_ms(hands, rgb, 2)
        times["direct hands"].append(ms)
        if len(old) == len(new):
            same["hands"] += 1
            for a in old:
                worst["hands"] = max(worst["hands"], min(np.abs(a - b).max() for b in new))
        else:
            print(f"hands differ on {path.name}: graph {len(old)}, direct {len(new)}")
        result, ms = cpu_ms(graph_faces.process, rgb)
        times["graph faces"].append(ms)
        boxes = [d.location_data.relative_bounding_box for d in result.detections or []]
        old = [np.array([b.xmin * w, b.ymin * h, (b.xmin + b.width) * w, (b.ymin + b.height) * h])
               for b in boxes]  # fmt: skip
        new, ms = cpu_ms(faces, rgb)
        times["direct faces"].append(ms)
        if len(old) == len(new):
            same["faces"] += 1
            for a in old:
                worst["faces"] = max(worst["faces"], min(np.abs(a - d.box).max() for d in new))
        else:
            print(f"faces differ on {path.name}: graph {len(old)}, direct {len(new)}")
        result, ms = cpu_ms(graph_segmenter.process, rgb)
        times["graph segmentation"].append(ms)
        mask, ms = cpu_ms(segmenter, rgb)
        times["direct segmentation"].append(ms)
        diff = np.abs(mask - result.segmentation_mask)
        mask_mean.append(float(diff.mean()))
        mask_max = max(mask_max, float(diff.max()))
    load_avg = Path("/proc/loadavg").read_text().split()[:3]
    print(f"{len(files)} photos, one core, load average {' '.join(load_avg)}")
    print(f"hands: same count on {same['hands']}, largest point difference "
          f"{worst['hands']:.2f} px")  # fmt: skip
    print(f"full-range faces: same count on {same['faces']}, largest box-corner difference "
          f"{worst['faces']:.2f} px")  # fmt: skip
    print(f"segmentation: mean difference {statistics.fmean(mask_mean):.5f}, largest "
          f"{mask_max:.4f}")  # fmt: skip
    for name, values in times.items():
        print(f"{name}: median {statistics.median(values):.2f} ms CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
