"""1:1 comparison: a cosine score, a threshold chosen for a stated false-match rate, and
whether the photos were good enough for the answer to be relied on.

THRESHOLD comes from bench/face_pairs.py on every identity pair that can be built from the
project's sample photos: 52 genuine pairs and 3864 impostor pairs, 438 of them look-alikes
(same sex, apparent ethnic appearance and age band; mostly young East Asian women with
beauty filters, and white actresses). The highest impostor scored 0.498 (a look-alike pair)
and the lowest genuine pair 0.509. A false match hands a permit to the wrong person, so the
threshold sits 0.04 above every impostor seen. Stated operating point: false-match rate at
most 0.1 % (measured 0 of 3864; 3/3864 = 0.08 % is the 95 % upper bound when none is seen),
at a measured false-non-match rate of 3.8 % (2 of 52: a 180-pixel-wide press photo, and a
pair with closed eyes, which the eyes-open check marks as less reliable anyway).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .embed import FaceEmbedding

THRESHOLD = 0.54
TARGET_FMR = 0.001

# Checks of luppa.quality whose failure means the face itself is not seen well enough for
# identification: turned head, closed eyes, glare over the eyes, or anything the quality
# package reports as occlusion. A failed background or lighting check does not matter here.
UNRELIABLE_WHEN_FAILED = ("pose.straight", "expression.eyes_open", "accessories.glasses")
UNRELIABLE_PREFIXES = ("occlusion.",)


@dataclass(frozen=True)
class Comparison:
    score: float
    threshold: float = THRESHOLD
    # Failed checks (quality ids) or embedding concerns that make the answer less reliable.
    concerns: tuple[str, ...] = field(default=())

    @property
    def same_person(self) -> bool:
        return self.score >= self.threshold

    @property
    def reliable(self) -> bool:
        return not self.concerns

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 4),
            "same_person": self.same_person,
            "threshold": self.threshold,
            "reliable": self.reliable,
            "concerns": list(self.concerns),
        }


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two unit vectors, in [-1, 1]."""
    return float(np.clip(np.dot(np.asarray(a, np.float32), np.asarray(b, np.float32)), -1, 1))


def concerns_from_checks(checks: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    """The failed pose/occlusion checks of a photo, from luppa.quality's results as dicts
    (the service stores them so) with at least `id` and `status`."""
    return tuple(
        c["id"]
        for c in checks
        if c.get("status") == "fail"
        and (c["id"] in UNRELIABLE_WHEN_FAILED or c["id"].startswith(UNRELIABLE_PREFIXES))
    )


def embedding_concerns(embedding: FaceEmbedding) -> tuple[str, ...]:
    concerns = []
    if embedding.faces > 1:
        concerns.append("faces.several")
    if embedding.aligned_by != "mesh":
        concerns.append("faces.no_landmarks")
    return tuple(concerns)


def compare_vectors(
    a: np.ndarray, b: np.ndarray, concerns: Iterable[str] = (), threshold: float = THRESHOLD
) -> Comparison:
    return Comparison(similarity(a, b), threshold, tuple(dict.fromkeys(concerns)))
