"""Shared photos and helpers.

The face models take most of the time, so every photo that needs them is framed or assessed
once per session and reused; everything else is generated in memory or in tmp_path.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import cv2
import numpy as np
import pytest
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


# --- the back channel to the fake e-Authorizations ------------------------------------------


@pytest.fixture(autouse=True)
def valtuudet_back_channel(monkeypatch):
    """The app calls Suomi.fi e-Authorizations with `requests`; in tests without a live
    server that service is the fake mounted at http://testserver/fake-valtuudet/, reached
    here through Django's test client (other addresses go out as usual)."""
    import requests
    from django.test import Client
    from requests.structures import CaseInsensitiveDict

    real_get, real_post = requests.get, requests.post
    prefix = "http://testserver"

    class Reply:
        def __init__(self, response) -> None:
            self.status_code = response.status_code
            self.content = response.content
            self.headers = CaseInsensitiveDict(dict(response.items()))

        def json(self):
            import json

            return json.loads(self.content)

        def raise_for_status(self) -> None:
            if self.status_code >= 400:
                raise requests.HTTPError(str(self.status_code))

    def get(url, headers=None, **kw):
        if not url.startswith(prefix):
            return real_get(url, headers=headers, **kw)
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()}
        return Reply(Client().get(url.removeprefix(prefix), **extra))

    def post(url, auth=None, **kw):
        if not url.startswith(prefix):
            return real_post(url, auth=auth, **kw)
        import base64

        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        return Reply(Client().post(url.removeprefix(prefix), HTTP_AUTHORIZATION=f"Basic {token}"))

    monkeypatch.setattr(requests, "get", get)
    monkeypatch.setattr(requests, "post", post)


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


# --- session photos --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def framed_photos() -> dict[str, Framed]:
    """Both reference portraits framed once: framing runs the face models several times."""
    return {"biden": frame(BIDEN.read_bytes()), "obama": frame(OBAMA.read_bytes())}


@pytest.fixture(scope="session")
def framed_biden(framed_photos) -> Framed:
    return framed_photos["biden"]


@pytest.fixture(scope="session")
def framed_rgb(framed_biden) -> np.ndarray:
    return decode_rgb(framed_biden.jpeg)


@pytest.fixture(scope="session")
def framed_file(framed_biden, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("framed") / "framed.jpg"
    path.write_bytes(framed_biden.jpeg)
    return path


@pytest.fixture(scope="session")
def grey_jpeg() -> bytes:
    """A correctly sized, perfectly plain photo with nobody in it."""
    return encode(Image.new("RGB", (WIDTH, HEIGHT), (128, 128, 128)))


@pytest.fixture(scope="session")
def defect_reports(framed_rgb) -> dict[str, Report]:
    """The framed photo with one geometry defect each, assessed once."""
    variants = {
        "right_45": shifted(framed_rgb, dx=45),
        "left_45": shifted(framed_rgb, dx=-45),
        "scaled_85": shrunk(framed_rgb, 0.85),
        "up_40": shifted(framed_rgb, dy=-40),
    }
    return {name: assess(encode(rgb), name) for name, rgb in variants.items()}


@pytest.fixture(scope="session")
def portraits() -> Path:
    if not PORTRAITS.is_dir():
        pytest.skip(f"{PORTRAITS} is absent (press photos are not part of the repository)")
    return PORTRAITS


@pytest.fixture
def worker_keeps_test_connection(monkeypatch):
    """`luppa worker` run in-process: the task worker closes "old" database connections
    between tasks, which on PostgreSQL would close the test's own transaction."""
    from django.db import close_old_connections, connection
    from django_tasks_db.management.commands import db_worker

    def outside_transactions_only() -> None:
        if not connection.in_atomic_block:
            close_old_connections()

    monkeypatch.setattr(db_worker, "close_old_connections", outside_transactions_only)
