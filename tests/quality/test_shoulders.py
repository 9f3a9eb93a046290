"""pose.shoulders (decree 3 §: shoulders square to the camera) reads the slope of the
shoulders' outline from the person segmentation. Drawn silhouettes pin the measure without
a model: a level body, a tilted one, hair over the shoulders, a frame that ends above them.
The conformance table pins the whole check on the committed portrait (clean passes, a
tilted body warns)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from luppa.quality import Status
from luppa.quality.checks import pose
from luppa.quality.checks.pose import WARN_SHOULDERS, shoulder_line
from luppa.quality.landmarks import CHIN
from luppa.quality.messages import render
from luppa.quality.registry import BY_ID

H, W = 653, 500
LANGS = ("fi", "sv", "en")
CX, CY, IOD = 250.0, 545.0, 140.0


def points() -> np.ndarray:
    p = np.zeros((478, 3), np.float32)
    p[CHIN] = (CX, CY, 0)
    return p


def silhouette(tilt: float = 0.0, hair: bool = False, shoulders_from: float = -0.1) -> np.ndarray:
    """A head, a neck and shoulders sloping down from the neck (one shoulder raised by
    `tilt` degrees about the chin), as the segmentation's 0–1 mask."""
    mask = np.zeros((H, W), np.uint8)
    cv2.ellipse(mask, (int(CX), int(CY - 1.3 * IOD)), (int(1.05 * IOD), int(1.45 * IOD)), 0, 0,
                360, 1, -1)  # fmt: skip
    cv2.rectangle(mask, (int(CX - 0.55 * IOD), int(CY - IOD)), (int(CX + 0.55 * IOD), H), 1, -1)
    top = CY + shoulders_from * IOD
    xs = np.arange(W, dtype=np.float32)
    # The trapezius falls from the neck outwards, then the shoulder flattens.
    outline = top + 0.25 * IOD * np.tanh((np.abs(xs - CX) - 0.6 * IOD) / (0.5 * IOD))
    outline += np.tan(np.radians(tilt)) * (xs - CX)
    rows = np.arange(H, dtype=np.float32)[:, None]
    mask |= (rows >= outline[None, :]).astype(np.uint8)
    if hair:
        cv2.rectangle(mask, (int(CX - 1.8 * IOD), int(CY - 1.5 * IOD)),
                      (int(CX + 1.8 * IOD), H), 1, -1)  # fmt: skip
    return mask.astype(np.float32)


def test_level_shoulders_read_level():
    slope, bounded = shoulder_line(silhouette(), points(), IOD)
    assert abs(slope) < 1.0 and not bounded


@pytest.mark.parametrize("tilt", [-20.0, -12.0, 12.0, 20.0])
def test_a_tilted_body_reads_its_slope(tilt):
    slope, bounded = shoulder_line(silhouette(tilt), points(), IOD)
    assert slope == pytest.approx(tilt, abs=1.5)
    assert not bounded


def test_the_mirror_image_reads_the_opposite_slope():
    mask = silhouette(15.0)
    mirrored = np.ascontiguousarray(mask[:, ::-1])
    p = points()
    p[CHIN, 0] = W - 1 - CX
    assert shoulder_line(mirrored, p, IOD)[0] == pytest.approx(
        -shoulder_line(mask, points(), IOD)[0]
    )


def test_a_shoulder_below_the_frame_gives_a_lower_bound():
    """Dropped so far that the right shoulder leaves the frame: the slope read is at most
    the true one, and says so."""
    slope, bounded = shoulder_line(silhouette(35.0, shoulders_from=0.3), points(), IOD)
    assert bounded and WARN_SHOULDERS < slope <= 35.0


def test_hair_over_the_shoulders_is_not_judged():
    assert shoulder_line(silhouette(hair=True), points(), IOD) is None


def test_a_frame_ending_above_the_shoulders_is_not_judged():
    assert shoulder_line(silhouette(shoulders_from=1.5), points(), IOD) is None


class _Faces:
    def __init__(self, mask: np.ndarray) -> None:
        self.person_mask = mask


class _Analysis:
    """Only what pose.shoulders reads."""

    def __init__(self, mask: np.ndarray, with_face: bool = True) -> None:
        self.faces = _Faces(mask)
        self.points = points() if with_face else None
        self.iod = IOD


@pytest.mark.parametrize(
    ("mask", "status", "key"),
    [
        (silhouette(), Status.PASS, "ok"),
        (silhouette(20.0), Status.WARN, "maybe_not_square"),
        (silhouette(hair=True), Status.NOT_EVALUATED, "not_visible"),
    ],
)
def test_the_check_warns_and_never_guesses(mask, status, key):
    outcome = pose.shoulders(_Analysis(mask))
    assert outcome.status is status and outcome.key == key
    assert pose.shoulders(_Analysis(mask, with_face=False)).status is Status.NOT_EVALUATED


def test_the_check_is_defined_in_section_3_and_told_in_three_languages():
    check = BY_ID["pose.shoulders"]
    assert check.section.number == 3 and check.waivable
    assert check.limit.render("fi").endswith("±13°")
    for key in ("ok", "maybe_not_square", "not_visible"):
        texts = {lang: render(f"pose.shoulders.{key}", lang, {"angle": 20}) for lang in LANGS}
        assert len(set(texts.values())) == 3, texts
    assert "hartia" in check.title("fi").lower() and "axl" in check.title("sv").lower()
