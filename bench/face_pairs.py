"""False-match and false-non-match rates of luppa.faces on the project's identity pairs.

    .venv/bin/python bench/face_pairs.py [--dlib] [--samples ../shared/samples]

Every photo named in bench/face_identities.json is embedded once; every pair of photos is a
genuine pair (same identity) or an impostor pair. "Look-alike" impostors share sex, apparent
ethnic appearance and age band. The table gives, at luppa.faces.THRESHOLD and at the
thresholds that would give a false-match rate of 1 % and 0.1 % on these impostors, the
false-match rate (FMR) and false-non-match rate (FNMR). With --dlib, dlib's ResNet
(face_recognition_models + dlib-bin, when installed) and a z-score fusion are measured on the
same pairs for comparison. The photos are not in the repository: the script exits 0 with a
message when ../shared/samples is absent.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DEFAULT_SAMPLES = HERE.parents[1] / "shared" / "samples"
YEARS_APART = [
    ("portraits/img15.jpg", "portraits/img13.jpg"),
    ("real/src/memoavatar__dicaprio.jpg", "real/src/PKU-YuanGroup__3.jpg"),
    ("public-domain/obama2.jpg", "public-domain/obama3.jpg"),
]


def embed_all(samples: Path, files: list[str]) -> tuple[dict[str, np.ndarray], list[float]]:
    from luppa.faces import NoUsableFace, embed_bytes, warm_up
    from luppa.quality import UnreadablePhoto

    warm_up()
    vectors, times = {}, []
    for name in files:
        data = (samples / name).read_bytes()
        started = time.perf_counter()
        try:
            vectors[name] = embed_bytes(data).vector
        except (NoUsableFace, UnreadablePhoto) as exc:
            print(f"  {name}: no usable face ({exc.key})")
            continue
        times.append((time.perf_counter() - started) * 1000)
    return vectors, times


def embed_dlib(samples: Path, files: list[str]) -> dict[str, np.ndarray]:
    """dlib's ResNet on the same largest face (YuNet box, dlib's own 5-point alignment)."""
    import importlib.util

    import cv2
    import dlib

    from luppa.faces.models import models
    from luppa.quality.decode import decode

    folder = importlib.util.find_spec("face_recognition_models").submodule_search_locations[0]
    folder = Path(folder) / "models"
    shapes = dlib.shape_predictor(str(folder / "shape_predictor_5_face_landmarks.dat"))
    net = dlib.face_recognition_model_v1(str(folder / "dlib_face_recognition_resnet_model_v1.dat"))
    out = {}
    for name in files:
        rgb = decode((samples / name).read_bytes()).rgb
        scale = min(1.0, 1000 / max(rgb.shape[:2]))
        if scale < 1:
            rgb = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        det = models().detector
        det.setInputSize((rgb.shape[1], rgb.shape[0]))
        _, found = det.detect(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
        if found is None:
            continue
        x, y, w, h = max(found, key=lambda f: f[2] * f[3])[:4]
        rect = dlib.rectangle(int(x), int(y), int(x + w), int(y + h))
        v = np.array(net.compute_face_descriptor(rgb, shapes(rgb, rect), 0), np.float32)
        out[name] = v / np.linalg.norm(v)
    return out


def pairs(labels: dict, names: list[str]):
    for a, b in itertools.combinations(sorted(names), 2):
        la, lb = labels[a], labels[b]
        yield a, b, la[0] == lb[0], la[0] != lb[0] and la[1:] == lb[1:]


def rates(scores: dict, labels: dict, threshold: float | None) -> dict:
    gen = np.array([s for (a, b, g, _), s in scores.items() if g])
    imp = np.array([s for (a, b, g, _), s in scores.items() if not g])
    alike = np.array([s for (a, b, g, la), s in scores.items() if la])
    row = {"genuine": gen.size, "impostor": imp.size, "lookalike": alike.size,
           "min_genuine": gen.min(), "max_impostor": imp.max(),
           "max_lookalike": alike.max()}  # fmt: skip
    for label, t in (
        ("T", threshold),
        ("FMR 1%", np.quantile(imp, 0.99)),
        ("FMR 0.1%", np.quantile(imp, 0.999)),
    ):
        if t is None:
            continue
        row[label] = (t, np.mean(imp >= t), np.mean(alike >= t), np.mean(gen < t))
    return row


def print_table(name: str, row: dict) -> None:
    print(f"\n{name}: {row['genuine']} genuine pairs, {row['impostor']} impostor pairs "
          f"({row['lookalike']} look-alike)")  # fmt: skip
    print(f"  lowest genuine {row['min_genuine']:.3f}, "
          f"highest impostor {row['max_impostor']:.3f}, "
          f"highest look-alike impostor {row['max_lookalike']:.3f}")  # fmt: skip
    print("  | operating point | threshold | FMR (all) | FMR (look-alikes) | FNMR |")
    print("  |---|---|---|---|---|")
    for label in ("T", "FMR 1%", "FMR 0.1%"):
        if label in row:
            t, fmr, fmr_alike, fnmr = row[label]
            shown = "luppa.faces.THRESHOLD" if label == "T" else f"threshold for {label}"
            print(f"  | {shown} | {t:.3f} | {fmr:.2%} | {fmr_alike:.2%} | {fnmr:.1%} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    parser.add_argument("--dlib", action="store_true", help="also measure dlib and a fusion")
    args = parser.parse_args()
    if not args.samples.is_dir():
        print(f"{args.samples} is absent: nothing to measure")
        return 0
    from luppa.faces import THRESHOLD

    labels = {k: v for k, v in json.loads((HERE / "face_identities.json").read_text()).items()
              if not k.startswith("_") and (args.samples / k).is_file()}  # fmt: skip
    print(f"command: .venv/bin/python bench/face_pairs.py{' --dlib' if args.dlib else ''}")
    vectors, times = embed_all(args.samples, sorted(labels))
    print(f"{len(vectors)} photos embedded; median {np.median(times):.0f} ms per photo "
          "(decode, detect, mesh, align, SFace twice)")  # fmt: skip
    sface = {p[:4]: float(vectors[p[0]] @ vectors[p[1]]) for p in pairs(labels, list(vectors))}
    row = rates(sface, labels, THRESHOLD)
    print_table("SFace (luppa.faces)", row)
    worst_gen = sorted((s, p[0], p[1]) for p, s in sface.items() if p[2])[:4]
    worst_imp = sorted(((s, p[0], p[1]) for p, s in sface.items() if not p[2]), reverse=True)[:4]
    print("  hardest genuine pairs:", ", ".join(f"{s:.3f} {a} ~ {b}" for s, a, b in worst_gen))
    print("  hardest impostor pairs:", ", ".join(f"{s:.3f} {a} ~ {b}" for s, a, b in worst_imp))
    print("  same person years apart:")
    for a, b in YEARS_APART:
        if a in vectors and b in vectors:
            s = float(vectors[a] @ vectors[b])
            print(f"    {a} ~ {b}: {s:.3f} ({'same' if s >= THRESHOLD else 'DIFFERENT'})")
    if args.dlib:
        dl = embed_dlib(args.samples, sorted(vectors))
        common = [n for n in vectors if n in dl]
        dscore = {p[:4]: float(dl[p[0]] @ dl[p[1]]) for p in pairs(labels, common)}
        print_table("dlib ResNet (face_recognition_models)", rates(dscore, labels, None))
        s_imp = np.array([s for p, s in sface.items() if not p[2]])
        d_imp = np.array([s for p, s in dscore.items() if not p[2]])
        fused = {
            p: 0.65 * (sface[p] - s_imp.mean()) / s_imp.std()
            + 0.35 * (dscore[p] - d_imp.mean()) / d_imp.std()
            for p in dscore
        }
        print_table("fusion 0.65 z(SFace) + 0.35 z(dlib)", rates(fused, labels, None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
