"""Assess one photo: decode, find the face, run every registered check."""

from __future__ import annotations

import time
from pathlib import Path

from . import checks  # noqa: F401 - registers the checks
from .analysis import Analysis, analysis_image
from .decode import UnreadablePhoto, decode
from .faces import find_faces
from .limits import MAX_INPUT_BYTES
from .registry import CHECKS
from .report import Report


def assess(data: bytes, name: str = "") -> Report:
    """The full check report of one photo file's bytes. Never raises for bad input."""
    started = time.perf_counter()
    report = Report(file=name)
    try:
        analysis = analyse(data)
    except UnreadablePhoto as exc:
        report.error_key, report.error_params = exc.key, exc.params
    else:
        report.checks = [c(analysis) for c in CHECKS]
        report.geometry = analysis.geometry
    report.elapsed_ms = (time.perf_counter() - started) * 1000
    return report


def analyse(data: bytes) -> Analysis:
    photo = decode(data)
    rgb, in_frame = analysis_image(photo.rgb)
    return Analysis(photo, rgb, in_frame, find_faces(rgb))


def read_photo_file(path: str | Path) -> bytes:
    """The file's bytes, or UnreadablePhoto with a reason a user understands."""
    p = Path(path)
    try:
        if not p.exists():
            raise UnreadablePhoto("error.no_such_file")
        if not p.is_file():
            raise UnreadablePhoto("error.not_a_file")
        if p.stat().st_size > MAX_INPUT_BYTES:
            raise UnreadablePhoto("error.file_too_large", size_mb=p.stat().st_size / 1e6)
        return p.read_bytes()
    except OSError as exc:
        raise UnreadablePhoto("error.unreadable_file", reason=exc.strerror or "I/O error") from None


def assess_file(path: str | Path) -> Report:
    try:
        data = read_photo_file(path)
    except UnreadablePhoto as exc:
        return Report(file=str(path), error_key=exc.key, error_params=exc.params)
    return assess(data, str(path))
