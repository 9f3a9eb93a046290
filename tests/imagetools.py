"""Photos for the tests: the committed portraits, encoders, and geometry edits.

A plain module (not conftest.py) so that test modules and factories in any folder import
it by name (`tests/` is on pytest's pythonpath). The face models take most of the time, so
`framed()` and `assessed()` run them once per process for each committed portrait.
"""

from __future__ import annotations

import functools
import io
import struct
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

import luppa.quality
from luppa.quality import Report, assess
from luppa.quality.frame import Framed, frame

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
BIDEN = FIXTURES / "biden.jpg"
TWO_PEOPLE = FIXTURES / "two_people.jpg"
OBAMA = Path(luppa.quality.__file__).parent / "samples" / "obama.jpg"  # bundled with the package
# Press photos that may not be committed: present on developer machines only.
PORTRAITS = Path(__file__).resolve().parents[2] / "shared" / "samples" / "portraits"

# Decree 1168/2016, 2 §, written out here rather than imported from luppa.quality.limits so
# that a wrong constant in the product cannot make its own tests agree with it.
WIDTH, HEIGHT = 500, 653
MAX_BYTES = 250_000
CENTRE_MAX_OFFSET = 21
CROWN_TO_CHIN = (445, 500)
CROWN_MARGIN = (56, 84)
CHIN_MARGIN = (96, 124)

STATUSES = {"pass", "fail", "warn", "not_evaluated"}


# --- building inputs -------------------------------------------------------------------------


def encode(image: Image.Image | np.ndarray, fmt: str = "JPEG", **save_kw) -> bytes:
    """The bytes of `image` saved by Pillow (numpy arrays are taken as RGB)."""
    if isinstance(image, np.ndarray):
        image = Image.fromarray(image)
    if fmt == "JPEG":
        save_kw.setdefault("quality", 95)
    buf = io.BytesIO()
    image.save(buf, fmt, **save_kw)
    return buf.getvalue()


def decode_rgb(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def jpeg_segments(data: bytes) -> list[tuple[int, int]]:
    """(marker, offset) of every JPEG header segment up to the start of the scan."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    segments, i = [], 2
    while i + 4 <= len(data):
        assert data[i] == 0xFF, f"lost marker sync at byte {i}"
        marker = data[i + 1]
        segments.append((marker, i))
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            break
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        i += 2 + length
    return segments


def patch_frame_size(data: bytes, width: int, height: int) -> bytes:
    """The JPEG with the size in its SOF0/SOF2 header replaced; no pixels are allocated."""
    for marker, offset in jpeg_segments(data):
        if marker in (0xC0, 0xC2):
            # marker (2 bytes), length (2), precision (1), then height and width, big-endian.
            start = offset + 5
            return data[:start] + struct.pack(">HH", height, width) + data[start + 4 :]
    raise AssertionError("no SOF0/SOF2 segment")


def shifted(rgb: np.ndarray, dx: int = 0, dy: int = 0) -> np.ndarray:
    """Content moved by (dx, dy) px, the uncovered edge filled with the edge's own pixels."""
    h, w = rgb.shape[:2]
    padded = np.pad(rgb, ((abs(dy), abs(dy)), (abs(dx), abs(dx)), (0, 0)), mode="edge")
    y0, x0 = abs(dy) - dy, abs(dx) - dx
    return np.ascontiguousarray(padded[y0 : y0 + h, x0 : x0 + w])


def shrunk(rgb: np.ndarray, factor: float) -> np.ndarray:
    """Content scaled down about the centre, padded back to the same size with edge pixels."""
    h, w = rgb.shape[:2]
    small = cv2.resize(rgb, (round(w * factor), round(h * factor)), interpolation=cv2.INTER_AREA)
    top, left = (h - small.shape[0]) // 2, (w - small.shape[1]) // 2
    bottom, right = h - small.shape[0] - top, w - small.shape[1] - left
    return cv2.copyMakeBorder(small, top, bottom, left, right, cv2.BORDER_REPLICATE)


def checks_by_id(report: Report) -> dict:
    return {c.id: c for c in report.checks}


# --- the committed portraits, analysed once per process --------------------------------------

PORTRAIT_FILES = {"biden": BIDEN, "obama": OBAMA}


@functools.cache
def framed(name: str = "biden") -> Framed:
    """A committed portrait framed by `luppa.quality.frame` (several face-model runs)."""
    return frame(PORTRAIT_FILES[name].read_bytes())


@functools.cache
def assessed(name: str = "biden") -> Report:
    """The framed portrait's full check report: drafts made in tests reuse it.

    Shared, so treat it as read-only (nothing in the product mutates a Report it is given)."""
    return assess(framed(name).jpeg, "upload.jpg")
