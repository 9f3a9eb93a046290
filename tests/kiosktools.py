"""The kiosk tests' stand-in for a customer: a camera frame made from a committed sample
photo (Joe Biden, public domain), and a Y4M video of it for Chromium's fake camera."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WIDTH, HEIGHT = 960, 720  # a 4:3 webcam frame


@cache
def frame_rgb() -> np.ndarray:
    """The customer standing straight in front of a light wall: the sample portrait turned
    upright (it leans 12°) on a 960×720 frame."""
    portrait = Image.open(FIXTURES / "biden.jpg").convert("RGB")
    upright = portrait.rotate(12, resample=Image.BICUBIC, fillcolor=(235, 235, 235))
    height = int(HEIGHT * 0.98)
    width = int(upright.width * height / upright.height)
    canvas = Image.new("RGB", (WIDTH, HEIGHT), (235, 235, 235))
    canvas.paste(upright.resize((width, height)), ((WIDTH - width) // 2, 0))
    return np.asarray(canvas)


def frame_jpeg() -> bytes:
    out = io.BytesIO()
    Image.fromarray(frame_rgb()).save(out, "JPEG", quality=92)
    return out.getvalue()


def write_y4m(path: Path, frames: int = 4, fps: int = 10) -> Path:
    """A YUV4MPEG2 (4:2:0) video of the frame, for --use-file-for-fake-video-capture."""
    yuv = cv2.cvtColor(frame_rgb(), cv2.COLOR_RGB2YUV_I420).tobytes()
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + yuv)
    return path
