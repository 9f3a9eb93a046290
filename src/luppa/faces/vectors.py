"""An embedding as bytes for storage (the service encrypts these bytes like the photo)."""

from __future__ import annotations

import numpy as np

from .embed import DIMENSIONS


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, "<f4").reshape(DIMENSIONS).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    if len(data) != DIMENSIONS * 4:
        raise ValueError("not an embedding")
    return np.frombuffer(data, "<f4").astype(np.float32)
