"""Decree 2 § (size) and 9 § (JPEG, at most 250 kB, no compression artefacts)."""

from __future__ import annotations

import cv2
import numpy as np

from ..analysis import Analysis
from ..definition import Bound, Measure
from ..limits import HEIGHT, MAX_FILE_BYTES, WIDTH
from ..registry import Outcome, check, failed, passed, warned
from ..thresholds import threshold

# Estimated IJG quality below which block artefacts are visible at 500x653.
MIN_JPEG_QUALITY = threshold("file_format.min_jpeg_quality")
WARN_JPEG_QUALITY = threshold("file_format.warn_jpeg_quality")
# Ratio of luminance steps across 8x8 block borders to steps inside blocks.
MAX_BLOCKINESS = threshold("file_format.max_blockiness")
WARN_BLOCKINESS = threshold("file_format.warn_blockiness")


@check("format.jpeg", 9)
def jpeg(a: Analysis) -> Outcome:
    photo = a.photo
    if photo.format != "JPEG":
        return failed(photo.format, "not_jpeg", format=photo.format)
    if photo.mode == "CMYK":
        return failed("JPEG CMYK", "cmyk")
    if photo.progressive:
        return failed("JPEG progressive", "progressive")
    if photo.exif_orientation != 1:
        return warned("JPEG", "rotated", orientation=photo.exif_orientation)
    return passed("JPEG")


@check("format.dimensions", 2, limit_params={"width": WIDTH, "height": HEIGHT})
def dimensions(a: Analysis) -> Outcome:
    size = f"{a.photo.width}×{a.photo.height}"
    if (a.photo.width, a.photo.height) != (WIDTH, HEIGHT):
        return failed(size, "wrong", width=a.photo.width, height=a.photo.height)
    return passed(size)


@check("format.file_size", 9, Bound(Measure("file_size", "kb"), high=MAX_FILE_BYTES // 1000))
def file_size(a: Analysis) -> Outcome:
    kb = round(a.photo.byte_size / 1000, 1)
    if a.photo.byte_size > MAX_FILE_BYTES:
        return failed(kb, "too_large")
    return passed(kb)


def blockiness(gray: np.ndarray) -> float:
    """Mean luminance step across 8-pixel block borders divided by the step inside blocks."""
    if min(gray.shape) < 16:
        return 1.0
    ratios = []
    # Absolute steps of 8-bit values are exact in 8 bits; OpenCV sums them per column (or
    # row) without a float copy of the photo.
    for axis in (1, 0):
        if axis == 1:
            diff = cv2.absdiff(gray[:, 1:], gray[:, :-1])
            sums = cv2.reduce(diff, 0, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel()
        else:
            diff = cv2.absdiff(gray[1:], gray[:-1])
            sums = cv2.reduce(diff, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel()
        n = sums.size - sums.size % 8
        cols = sums[:n].reshape(-1, 8).mean(axis=0) / diff.shape[1 - axis]
        border = cols[7]
        inside = float(np.mean(cols[[1, 2, 3, 4, 5]])) + 0.5
        ratios.append(float(border) / inside)
    return max(ratios)


@check(
    "format.compression",
    9,
    Bound(Measure("quality"), low=MIN_JPEG_QUALITY),
    Bound(Measure("blockiness"), high=MAX_BLOCKINESS),
)
def compression(a: Analysis) -> Outcome:
    quality = a.photo.jpeg_quality
    # Block borders are only where the JPEG put them when the pixels are the file's own.
    native = (a.photo.width, a.photo.height) == a.shape[::-1]
    blocks = round(blockiness(a.gray), 2) if native and a.photo.format == "JPEG" else None
    value = {"quality": quality, "blockiness": blocks}
    if (quality is not None and quality < MIN_JPEG_QUALITY) or (
        blocks is not None and blocks > MAX_BLOCKINESS
    ):
        return failed(value, "artefacts", quality=quality or "?")
    if (quality is not None and quality < WARN_JPEG_QUALITY) or (
        blocks is not None and blocks > WARN_BLOCKINESS
    ):
        return warned(value, "some_artefacts", quality=quality or "?")
    return passed(value)
