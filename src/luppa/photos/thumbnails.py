"""Small copies of a photo for lists. Made on request from the stored photo and never stored:
a thumbnail is the same personal data as the photo, so it goes through the same access check
and leaves the same audit record as the photo itself."""

from __future__ import annotations

import io

from PIL import Image

# Twice the shown 92×120 px, for sharp thumbnails on dense screens.
THUMB_BOX = (184, 240)


def thumbnail(data: bytes, box: tuple[int, int] = THUMB_BOX) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        img.draft("RGB", box)  # a JPEG decodes straight at a reduced scale
        small = img.convert("RGB")
        small.thumbnail(box)
        out = io.BytesIO()
        small.save(out, "JPEG", quality=85)
        return out.getvalue()
