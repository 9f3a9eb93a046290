"""1:N search time and memory of luppa.faces.Gallery at 10 000, 100 000 and 1 000 000 faces.

    .venv/bin/python bench/face_gallery.py [--sizes N ...] [--queries 25] [--threads 1]
        [--pq-from N]

The gallery is filled with random unit vectors (real embeddings of a million people do not
exist here; the search time does not depend on the values) plus planted faces at known
similarities to each probe: above, at and just below the threshold. For each size it prints
the first pass used (int8 with its exact bound, or from --pq-from photos the product-
quantised fast scan), the median and 95th-percentile query time over the probes (one
thread unless --threads shards the scan), the median CPU time per query, the gallery's
memory, whether every answer equals a float32 scan of the whole gallery, and the recall
against that scan (planted matches found / planted matches), then the peak resident size.
The scan is memory-bound: on a shared machine the times follow the other processes' load;
`--pq-from 100000000` measures the int8 pass at the same sizes for a same-load comparison.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

import numpy as np


def unit(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    m = rng.standard_normal((n, d), dtype=np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    return m


def near(rng: np.random.Generator, v: np.ndarray, cos: float) -> np.ndarray:
    r = rng.standard_normal(v.size).astype(np.float32)
    r -= (r @ v) * v
    r /= np.linalg.norm(r)
    return (cos * v + np.sqrt(1 - cos**2) * r).astype(np.float32)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=25)
    parser.add_argument("--pq-from", type=int, default=None,
                        help="gallery size from which the PQ first pass is used "
                             "(default luppa.faces.gallery.PQ_FROM)")  # fmt: skip
    parser.add_argument("--threads", type=int, default=1,
                        help="threads (shards) per query (default 1)")  # fmt: skip
    args = parser.parse_args()
    import faiss

    faiss.omp_set_num_threads(args.threads)
    from luppa.faces import DIMENSIONS, THRESHOLD, Gallery
    from luppa.faces.gallery import PQ_FROM

    print(f"command: .venv/bin/python bench/face_gallery.py --sizes "
          f"{' '.join(map(str, args.sizes))} --queries {args.queries} "
          f"--threads {args.threads}"
          f"{f' --pq-from {args.pq_from}' if args.pq_from else ''}")  # fmt: skip
    print(f"threshold {THRESHOLD}; {args.threads} thread(s); {args.queries} probes per size")
    print("| gallery | first pass | median query | p95 | CPU per query | gallery memory "
          "| same answers as a float32 scan | recall |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    rng = np.random.default_rng(13)
    for n in args.sizes:
        probes = unit(rng, args.queries, DIMENSIONS)
        gallery = Gallery(threads=args.threads, pq_from=args.pq_from or PQ_FROM)
        float32 = np.empty((n, DIMENSIONS), np.float32)  # the reference, not part of Gallery
        step = 100_000
        for start in range(0, n, step):
            part = unit(rng, min(step, n - start), DIMENSIONS)
            float32[start : start + len(part)] = part
        # Plant 4 faces per probe: clearly the same, just above, just below the threshold.
        slots = rng.choice(n, size=(args.queries, 4), replace=False)
        for q, row in zip(probes, slots, strict=True):
            cosines = (0.8, THRESHOLD + 0.003, THRESHOLD - 0.003, 0.6)
            for slot, cos in zip(row, cosines, strict=True):
                float32[slot] = near(rng, q, cos)
        for start in range(0, n, step):
            gallery.add(np.arange(start, min(n, start + step)), float32[start : start + step])
        times, cpu, same, wanted, got = [], [], True, 0, 0
        for q in probes:
            started, cpu_started = time.perf_counter(), time.process_time()
            found = gallery.search(q)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            scores = float32 @ q
            expected = set(np.flatnonzero(scores >= THRESHOLD).tolist())
            same &= {m.key for m in found} == expected
            wanted += len(expected)
            got += len(expected & {m.key for m in found})
        mem = gallery.nbytes / 1e6
        first = "PQ fast scan" if gallery.approximate_first_pass else "int8 (exact bound)"
        print(f"| {n:,} | {first} | {np.median(times):.1f} ms | "
              f"{np.percentile(times, 95):.1f} ms | {np.median(cpu):.1f} ms | {mem:.0f} MB "
              f"| {'yes' if same else 'NO'} | {got}/{wanted} |")  # fmt: skip
        del gallery, float32
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process (includes the float32 reference): {peak:.0f} MB")
    with open("/proc/loadavg") as load:
        print(f"loadavg {' '.join(load.read().split()[:3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
