"""1:N: find the photos in a gallery whose face scores above the threshold against a probe.

The search is exhaustive (every embedding is scored), in two passes:

1. every embedding is held as int8 (the unit vector times 127) and scored with FAISS's
   scalar-quantiser scan (top-k, k grown until the rest cannot reach the threshold), which
   streams 128 bytes per photo instead of 512;
2. every photo whose int8 score could still reach the threshold, given the largest error
   int8 rounding can cause, is scored again from its float16 copy, and only those exact
   scores are returned.

The error bound makes the answer the same as a float32 scan of the whole gallery (bench/
face_gallery.py checks it on planted matches); no approximate index is needed. Memory per
photo: 128 B (int8) + 256 B (float16) + 8 B (id) = 392 B, so 1 000 000 photos take 392 MB.
"""

from __future__ import annotations

import threading
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


@dataclass(frozen=True)
class Match:
    key: int
    score: float


def quantise(vectors: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(np.asarray(vectors, np.float32) * SCALE), -127, 127).astype(np.int8)


class Gallery:
    """An in-memory gallery of unit embeddings keyed by integers (photo primary keys)."""

    def __init__(self, dimensions: int = DIMENSIONS) -> None:
        self.dimensions = dimensions
        self._keys = np.empty(0, np.int64)
        self._exact = np.empty((0, dimensions), np.float16)
        self._index = _new_index(dimensions)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return int(self._keys.size)

    @property
    def nbytes(self) -> int:
        return int(self._keys.nbytes + self._exact.nbytes + len(self) * self.dimensions)

    def add(self, keys: np.ndarray | list[int], vectors: np.ndarray) -> None:
        keys = np.asarray(keys, np.int64).reshape(-1)
        vectors = np.asarray(vectors, np.float32).reshape(-1, self.dimensions)
        if keys.size != vectors.shape[0]:
            raise ValueError("one key per vector")
        with self._lock:
            for start in range(0, keys.size, CHUNK):
                part = vectors[start : start + CHUNK]
                self._index.add(quantise(part).astype(np.float32))
            self._keys = np.concatenate([self._keys, keys])
            self._exact = np.concatenate([self._exact, vectors.astype(np.float16)])

    def search(
        self, probe: np.ndarray, threshold: float = THRESHOLD, limit: int = 50
    ) -> list[Match]:
        """The photos scoring at least `threshold`, best first, at most `limit` of them."""
        if not len(self):
            return []
        probe = np.asarray(probe, np.float32).reshape(1, self.dimensions)
        coarse_limit = threshold - INT8_ERROR_BOUND
        with self._lock:
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


def _new_index(dimensions: int):
    import faiss

    # The codes are the int8 values themselves ("direct"), so the stored bytes are exactly
    # quantise(vector) and the scan computes integer dot products.
    return faiss.IndexScalarQuantizer(
        dimensions, faiss.ScalarQuantizer.QT_8bit_direct_signed, faiss.METRIC_INNER_PRODUCT
    )
