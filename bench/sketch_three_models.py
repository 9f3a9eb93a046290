"""The yardstick of issue 9's "Speed" section: a plain sketch of a photo check with the same
three MediaPipe models (face detection, the face mesh with iris refinement, selfie
segmentation) and a handful of trivial numpy checks, against Luppa's full assess() on the
same photos in the same loop.

    .venv/bin/python bench/sketch_three_models.py [--luppa [--src DIR]] [--repeat N] PHOTO ...

Without --luppa the sketch runs; with it, luppa.quality.assess() (of this checkout's src, or
of DIR). Either way each photo is
read as bytes, decoded and checked, N passes over all photos, one core, one thread; the
per-photo CPU median (time.process_time) of the passes after the first goes to stderr, so
the two can also be compared as whole processes (same start-up work: imports, model load):

    A='.venv/bin/python bench/sketch_three_models.py --luppa --repeat 5 out/real-framed/*.jpg'
    B='.venv/bin/python bench/sketch_three_models.py --repeat 5 out/real-framed/*.jpg'

The sketch is deliberately naive and faithful to what such a script does: the solutions API,
full-array numpy, one colour conversion per check. It judges nothing Luppa judges to its
standard; it only sets the cost of "three models plus a little numpy".
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import cv2
import numpy as np

cv2.setNumThreads(1)
ROOT = Path(__file__).resolve().parents[1]

LEFT_IRIS, RIGHT_IRIS = 468, 473
LEFT_LIDS, RIGHT_LIDS = (159, 145), (386, 374)
LEFT_CORNERS, RIGHT_CORNERS = (33, 133), (263, 362)
MOUTH = (13, 14, 61, 291)


class Sketch:
    """Three models, loaded once; a photo in, a dict of pass/fail out."""

    def __init__(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import mediapipe as mp
        self.detector = mp.solutions.face_detection.FaceDetection(
            model_selection=0, min_detection_confidence=0.5
        )
        self.mesh = mp.solutions.face_mesh.FaceMesh(
            static_image_mode=True, max_num_faces=2, refine_landmarks=True,
            min_detection_confidence=0.5,
        )  # fmt: skip
        self.segmenter = mp.solutions.selfie_segmentation.SelfieSegmentation(model_selection=0)

    def __call__(self, data: bytes) -> dict[str, bool]:
        bgr = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        h, w = rgb.shape[:2]
        faces = self.detector.process(rgb).detections or []
        mesh = self.mesh.process(rgb).multi_face_landmarks or []
        mask = self.segmenter.process(rgb).segmentation_mask
        out = {"one_face": len(faces) == 1 and len(mesh) >= 1, "size": (w, h) == (500, 653)}
        if not mesh:
            return out
        p = np.array([(q.x * w, q.y * h) for q in mesh[0].landmark])
        person = mask > 0.5
        gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
        background = gray[~person]
        out["background_light"] = background.size > 0 and float(np.median(background)) > 150
        out["background_plain"] = background.size > 0 and float(np.std(background)) < 20
        out["sharp"] = float(cv2.Laplacian(gray, cv2.CV_64F).var()) > 50
        x0, y0 = p.min(0).astype(int)
        x1, y1 = p.max(0).astype(int)
        face = gray[max(0, y0) : y1, max(0, x0) : x1]
        out["exposure"] = face.size > 0 and 60 < float(np.mean(face)) < 220
        lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)
        out["colour"] = bool(np.all(np.abs(np.median(lab[~person][:, 1:], axis=0) - 128) < 10))
        iod = float(np.linalg.norm(p[LEFT_IRIS] - p[RIGHT_IRIS]))
        roll = np.degrees(np.arctan2(*(p[RIGHT_IRIS] - p[LEFT_IRIS])[::-1]))
        out["straight"] = abs(roll) < 8
        out["head_size"] = 0.5 < (y1 - y0) / h < 0.8
        out["centred"] = abs((x0 + x1) / 2 - w / 2) < 0.05 * w
        openings = [
            np.linalg.norm(p[a] - p[b]) / max(np.linalg.norm(p[c] - p[d]), 1e-6)
            for (a, b), (c, d) in ((LEFT_LIDS, LEFT_CORNERS), (RIGHT_LIDS, RIGHT_CORNERS))
        ]
        out["eyes_open"] = min(openings) > 0.15
        out["mouth_closed"] = np.linalg.norm(p[MOUTH[0]] - p[MOUTH[1]]) < 0.05 * iod
        return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--luppa", action="store_true", help="run luppa.quality.assess instead")
    parser.add_argument("--src", default=str(ROOT / "src"), help="the luppa source to time")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("photos", nargs="+", type=Path)
    args = parser.parse_args()
    if args.luppa:
        sys.path.insert(0, str(Path(args.src).resolve()))
        from luppa.quality import assess, warm_up

        warm_up()
        check = assess
    else:
        check = Sketch()
    datas = [p.read_bytes() for p in args.photos]
    per_photo = []
    for n in range(args.repeat):
        for data in datas:
            c = time.process_time()
            check(data)
            if n:
                per_photo.append((time.process_time() - c) * 1000)
    if per_photo:
        name = "luppa assess" if args.luppa else "sketch"
        print(f"{name}: {len(datas)} photos x {args.repeat - 1} passes, median "
              f"{statistics.median(per_photo):.1f} ms CPU per photo", file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
