"""Automatic assessment of a permit photo against decree 1168/2016.

Pure functions over image bytes and decoded pixels: no web framework here.
"""

from .assess import assess, assess_file
from .decode import UnreadablePhoto
from .faces import warm_up
from .registry import CHECKS
from .report import CheckResult, Geometry, Report, Status

CHECK_IDS = tuple(c.id for c in CHECKS)

__all__ = [
    "CHECKS",
    "CHECK_IDS",
    "CheckResult",
    "Geometry",
    "Report",
    "Status",
    "UnreadablePhoto",
    "assess",
    "assess_file",
    "warm_up",
]
