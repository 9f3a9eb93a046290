"""1:N: find the photos in a gallery whose face scores above the threshold against a probe.

The search is exhaustive (every embedding is scored), in two passes:

1. every embedding is held as int8 (the unit vector times 127) and scored with FAISS's
   scalar-quantiser scan (top-k, k grown until the rest cannot reach the threshold), which
   streams 128 bytes per photo instead of 512;
2. every photo whose int8 score could still reach the threshold, given the largest error
   int8 rounding can cause, is scored again from its float16 copy, and only those exact
   scores are returned.

The error bound makes the answer the same as a float32 scan of the whole gallery (bench/
face_gallery.py checks it on planted matches). Memory per photo: 128 B (int8) + 256 B
(float16) + 8 B (id) = 392 B.

From PQ_FROM photos on (a national register, not one office), streaming 128 bytes per photo
takes longer than an officer should wait (33 ms at 1 000 000 on a quiet core here), so the
first pass changes: a product-quantised copy, 32 bytes per photo (64 sub-vectors of 2
dimensions, 4 bits each), is scanned with FAISS's fast-scan kernel, which keeps its lookup
tables in SIMD registers. Its scores are approximate without a proven bound, so the pass
keeps everything within PQ_MARGIN of the threshold (the largest error measured on the
benchmark's data was 0.18), and the float16 re-rank decides as before. The benchmark reports
whether the answers still equal the float32 scan (the issue allows an approximate index only
then). The int8 codes are dropped then: 32 + 256 + 8 (+ 8 for the shard's row map) = 304 B
per photo, 304 MB at 1 000 000. With `threads` > 1 the codes are sharded and one probe's
scan uses that many cores.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .compare import THRESHOLD
from .embed import DIMENSIONS

SCALE = 127.0
# |q·x − q̂·x̂/127²| <= (||q||₁ + ||x||₁)·0.5/127 + rounding²; for unit 128-d vectors the
# L1 norm is at most √128, so the int8 score is never more than this far from the true one.
INT8_ERROR_BOUND = 2 * np.sqrt(DIMENSIONS) * 0.5 / SCALE + DIMENSIONS * (0.5 / SCALE) ** 2
CHUNK = 65_536
# Codes fetched from the first pass at first; a probe near more faces than this asks again.
FIRST_K = 256
# The product-quantised first pass: from this many photos, trained on up to PQ_TRAIN of them.
PQ_FROM = 200_000
PQ_TRAIN = 65_536
PQ_SUBVECTORS = 64
# |PQ score − exact score| was at most 0.18 on 600 near pairs and 0.13 on 20 000 random ones
# (bench/face_gallery.py's data); what is within this of the threshold is scored exactly.
PQ_MARGIN = 0.25
PQ_FIRST_K = 1024


@dataclass(frozen=True)
class Match:
    key: int
    score: float


def quantise(vectors: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(np.asarray(vectors, np.float32) * SCALE), -127, 127).astype(np.int8)


class Gallery:
    """An in-memory gallery of unit embeddings keyed by integers (photo primary keys)."""

    def __init__(
        self, dimensions: int = DIMENSIONS, pq_from: int = PQ_FROM, threads: int = 1
    ) -> None:
        self.dimensions = dimensions
        self.pq_from = pq_from
        # The fast scan of one probe runs on one core: with `threads` > 1 the codes are cut
        # into that many shards, scanned at once (FAISS releases the GIL).
        self.threads = max(1, threads)
        self._pool = ThreadPoolExecutor(self.threads) if self.threads > 1 else None
        self._keys = np.empty(0, np.int64)
        self._exact = np.empty((0, dimensions), np.float16)
        self._index = _new_index(dimensions)
        # The product-quantised index once the gallery reaches pq_from: `threads` shards, the
        # new codes going to the smallest, each row's gallery position in _pq_rows.
        self._pq: list | None = None
        self._pq_rows: list[np.ndarray] = []
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return int(self._keys.size)

    @property
    def nbytes(self) -> int:
        if self._pq is None:
            return int(self._keys.nbytes + self._exact.nbytes + len(self) * self.dimensions)
        positions = sum(r.nbytes for r in self._pq_rows)
        codes = len(self) * PQ_SUBVECTORS // 2
        return int(self._keys.nbytes + self._exact.nbytes + codes + positions)

    @property
    def approximate_first_pass(self) -> bool:
        return self._pq is not None

    def add(self, keys: np.ndarray | list[int], vectors: np.ndarray) -> None:
        keys = np.asarray(keys, np.int64).reshape(-1)
        vectors = np.asarray(vectors, np.float32).reshape(-1, self.dimensions)
        if keys.size != vectors.shape[0]:
            raise ValueError("one key per vector")
        with self._lock:
            if self._pq is not None:
                self._pq_add(np.arange(len(self), len(self) + keys.size), vectors)
            else:
                for start in range(0, keys.size, CHUNK):
                    part = vectors[start : start + CHUNK]
                    self._index.add(quantise(part).astype(np.float32))
            self._keys = np.concatenate([self._keys, keys])
            self._exact = np.concatenate([self._exact, vectors.astype(np.float16)])
            if self._pq is None and len(self) >= self.pq_from:
                self._build_pq()

    def _build_pq(self) -> None:
        import faiss

        rng = np.random.default_rng(0)
        sample = rng.choice(len(self), size=min(len(self), PQ_TRAIN), replace=False)
        pq = faiss.IndexPQFastScan(self.dimensions, PQ_SUBVECTORS, 4, faiss.METRIC_INNER_PRODUCT)
        pq.train(self._exact[np.sort(sample)].astype(np.float32))
        self._pq = [faiss.clone_index(pq) for _ in range(self.threads)]
        self._pq_rows = [np.empty(0, np.int64) for _ in range(self.threads)]
        for start in range(0, len(self), CHUNK):
            part = self._exact[start : start + CHUNK].astype(np.float32)
            self._pq_add(np.arange(start, start + len(part)), part)
        self._index = _new_index(self.dimensions)  # the int8 codes are not needed any more

    def _pq_add(self, rows: np.ndarray, vectors: np.ndarray) -> None:
        assert self._pq is not None
        for start in range(0, rows.size, CHUNK):
            shard = int(np.argmin([r.size for r in self._pq_rows]))
            self._pq[shard].add(vectors[start : start + CHUNK])
            self._pq_rows[shard] = np.concatenate(
                [self._pq_rows[shard], rows[start : start + CHUNK]]
            )

    def search(
        self, probe: np.ndarray, threshold: float = THRESHOLD, limit: int = 50
    ) -> list[Match]:
        """The photos scoring at least `threshold`, best first, at most `limit` of them."""
        if not len(self):
            return []
        probe = np.asarray(probe, np.float32).reshape(1, self.dimensions)
        coarse_limit = threshold - INT8_ERROR_BOUND
        with self._lock:
            if self._pq is not None:
                rows = self._first_pass_pq(probe, threshold)
                return self._rerank(rows, probe, threshold, limit)
            q = quantise(probe).astype(np.float32)
            # FAISS's top-k scan is SIMD-optimised (its range search is not): ask for the k
            # best codes, and ask again for more while all k could still reach the threshold.
            k = min(len(self), FIRST_K)
            while True:
                coarse, rows = self._index.search(q, k)
                rows = rows[0][coarse[0] >= coarse_limit * SCALE * SCALE]
                if rows.size < k or k == len(self):
                    break
                k = min(len(self), k * 8)
            return self._rerank(rows, probe, threshold, limit)

    def _first_pass_pq(self, probe: np.ndarray, threshold: float) -> np.ndarray:
        assert self._pq is not None
        shards = list(zip(self._pq, self._pq_rows, strict=True))
        if self._pool is None:
            found = [_scan(index, rows, probe, threshold) for index, rows in shards]
        else:
            found = list(self._pool.map(lambda s: _scan(*s, probe, threshold), shards))
        return np.concatenate(found)

    def _rerank(
        self, rows: np.ndarray, probe: np.ndarray, threshold: float, limit: int
    ) -> list[Match]:
        if rows.size == 0:
            return []
        exact = self._exact[rows].astype(np.float32) @ probe[0]
        keys = self._keys[rows]
        keep = exact >= threshold
        order = np.argsort(-exact[keep], kind="stable")[:limit]
        pairs = zip(keys[keep][order], exact[keep][order], strict=True)
        return [Match(int(k), float(s)) for k, s in pairs]

    def brute_force(self, probe: np.ndarray, threshold: float = THRESHOLD) -> list[Match]:
        """The float32 scan of the whole gallery that `search` must agree with (tests and
        the benchmark use it)."""
        scores = self._exact.astype(np.float32) @ np.asarray(probe, np.float32).reshape(-1)
        hits = np.flatnonzero(scores >= threshold)
        order = hits[np.argsort(-scores[hits], kind="stable")]
        return [Match(int(self._keys[i]), float(scores[i])) for i in order]


def _scan(index, positions: np.ndarray, probe: np.ndarray, threshold: float) -> np.ndarray:
    """The gallery positions in one shard whose PQ score is within PQ_MARGIN of threshold."""
    k = min(positions.size, PQ_FIRST_K)
    while k:
        coarse, rows = index.search(probe, k)
        rows = rows[0][(coarse[0] >= threshold - PQ_MARGIN) & (rows[0] >= 0)]
        if rows.size < k or k == positions.size:
            return positions[rows]
        k = min(positions.size, k * 8)
    return positions[:0]


def _new_index(dimensions: int):
    import faiss

    # The codes are the int8 values themselves ("direct"), so the stored bytes are exactly
    # quantise(vector) and the scan computes integer dot products.
    return faiss.IndexScalarQuantizer(
        dimensions, faiss.ScalarQuantizer.QT_8bit_direct_signed, faiss.METRIC_INNER_PRODUCT
    )
