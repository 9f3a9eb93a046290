"""The conformance table: committed public-domain portraits, and defect variants generated
from them here, against the status every check must give (in the manner of OFIQ's
conformance tests).

The base photo is the framed Biden portrait put on a plain light studio backdrop and
levelled; each variant adds one defect a user could bring. A row names the variant, the
check and the statuses it may answer. `test_every_check_group_is_pinned` proves that a check
group that always answered "pass" would break this table.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from defects import (
    HAND_BOX,
    affine,
    brim_shadow,
    catchlights,
    clutter,
    dark_lenses,
    exposure,
    eyes_shut,
    flat,
    glasses,
    gradient,
    hat,
    hot_spots,
    jpeg,
    level,
    on_backdrop,
    painted_hand,
    red_eye,
    second_face,
    shoulders_tilted,
    side_shadow,
    studio,
)
from imagetools import decode_rgb, encode
from PIL import Image

from luppa.quality import CHECK_IDS, Report, assess
from luppa.quality.faces import find_faces

FAIL, PASS, WARN = {"fail"}, {"pass"}, {"warn"}
OK = {"pass", "warn"}  # acceptable: not a failure
FLAGGED = {"fail", "warn"}  # told to the user one way or the other

# variant -> {check id: allowed statuses}. The clean studio photo pins every check that a
# good photo must pass; each defect row pins the check that must catch it, and the checks
# that must not be confused by it.
TABLE: dict[str, dict[str, set[str]]] = {
    "clean": {
        "format.jpeg": PASS, "format.dimensions": PASS, "format.file_size": PASS,
        "format.compression": PASS, "face.single": PASS, "face.hands": PASS,
        "face.eyes_visible": PASS, "geometry.centre_line": PASS,
        "geometry.crown_to_chin": PASS, "geometry.crown_margin": PASS,
        "geometry.chin_margin": PASS, "pose.straight": OK, "pose.gaze": OK,
        "pose.shoulders": PASS,
        "expression.eyes_open": PASS, "expression.mouth_closed": PASS,
        "expression.neutral": OK, "background.plain": PASS, "background.light": PASS,
        "lighting.exposure": PASS, "lighting.even": OK, "lighting.hot_spots": OK,
        "lighting.red_eye": PASS, "image.sharpness": OK, "image.noise": PASS,
        "image.colour": PASS, "accessories.glasses": PASS,
        "accessories.head_covering": PASS,
    },
    "png": {"format.jpeg": FAIL, "background.plain": PASS},
    "jpeg_q10": {"format.compression": FAIL, "format.jpeg": PASS},
    # Same proportions: measured in the 500x653 frame all the same.
    "wrong_size": {"format.dimensions": FAIL, "geometry.crown_to_chin": PASS},
    "too_many_bytes": {"format.file_size": FAIL, "format.dimensions": PASS},
    "second_face": {"face.single": FAIL},
    "hat_over_eyes": {"face.eyes_visible": FAIL},
    "eyes_shut": {"expression.eyes_open": FAIL},
    "dark_lenses": {"face.eyes_visible": FAIL},
    "brim_shadow": {"accessories.head_covering": WARN, "face.eyes_visible": OK},
    "off_centre": {"geometry.centre_line": FAIL, "background.plain": PASS},
    "head_small": {"geometry.crown_to_chin": FAIL},
    "too_high": {"geometry.crown_margin": FAIL},
    "too_low": {"geometry.chin_margin": FAIL},
    "tilted": {"pose.straight": FAIL},
    # One shoulder raised, the other dropped below the frame; the head as it was.
    "shoulders_tilted": {"pose.shoulders": WARN, "pose.straight": OK, "background.plain": OK},
    "clutter": {"background.plain": FAIL, "image.colour": PASS},
    "gradient": {"background.plain": FLAGGED},
    "dark_background": {"background.light": FAIL, "image.colour": PASS},
    "pink_backdrop": {"background.light": FAIL, "image.colour": PASS},
    "colour_cast": {"image.colour": FAIL},
    "blur": {"image.sharpness": FAIL},
    "noise": {"image.noise": FAIL, "background.plain": OK},
    "under_exposed": {"lighting.exposure": FAIL},
    "over_exposed": {"lighting.exposure": FLAGGED},
    "side_shadow": {"lighting.even": FAIL},
    "hot_spots": {"lighting.hot_spots": FLAGGED},
    "red_eye": {"lighting.red_eye": FAIL},
    "glasses": {"accessories.glasses": WARN},
    "glasses_glare": {"accessories.glasses": FAIL},
    "bright_catchlights": {"accessories.glasses": PASS},
}  # fmt: skip
# The framed Obama portrait (a speech: mouth open, turned, looking aside) on the backdrop.
OBAMA_TABLE: dict[str, set[str]] = {
    "expression.mouth_closed": FAIL,
    "expression.neutral": FLAGGED,
    "pose.gaze": FLAGGED,
    "background.plain": PASS,
    "face.eyes_visible": PASS,
}


def variants(clean: np.ndarray, donor: np.ndarray) -> dict[str, bytes]:
    p = find_faces(clean).landmarks
    noisy = np.random.default_rng(3).normal(0, 10, clean.shape)
    big = np.clip(clean + np.random.default_rng(4).normal(0, 40, clean.shape), 0, 255)
    return {
        "clean": jpeg(clean),
        "png": encode(Image.fromarray(clean), "PNG"),
        "jpeg_q10": jpeg(clean, quality=10),
        "wrong_size": jpeg(cv2.resize(clean, (400, 522), interpolation=cv2.INTER_AREA)),
        "too_many_bytes": jpeg(big.astype(np.uint8), quality=100, subsampling=0),
        "second_face": jpeg(second_face(clean, donor)),
        "hat_over_eyes": jpeg(hat(clean, p)),
        "dark_lenses": jpeg(dark_lenses(clean, p)),
        "brim_shadow": jpeg(brim_shadow(clean, p)),
        "off_centre": jpeg(affine(clean, dx=40)),
        "head_small": jpeg(affine(clean, scale=0.85)),
        "too_high": jpeg(affine(clean, dy=-35)),
        "too_low": jpeg(affine(clean, dy=35)),
        "eyes_shut": jpeg(eyes_shut(clean, p)),
        "tilted": jpeg(affine(clean, angle=14)),
        "shoulders_tilted": jpeg(shoulders_tilted(clean, p, 20)),
        "clutter": jpeg(clutter(clean)),
        "gradient": jpeg(gradient(clean)),
        "dark_background": jpeg(on_backdrop(clean, flat((90, 92, 95)))),
        "pink_backdrop": jpeg(on_backdrop(clean, flat((215, 150, 170)))),
        "colour_cast": jpeg(np.clip(clean * np.array([1.10, 1.0, 0.80]), 0, 255).astype(np.uint8)),
        "blur": jpeg(cv2.GaussianBlur(clean, (0, 0), 2.2)),
        "noise": jpeg(np.clip(clean + noisy, 0, 255).astype(np.uint8)),
        "under_exposed": jpeg(exposure(clean, -2.0)),
        "over_exposed": jpeg(exposure(clean, 2.0)),
        "side_shadow": jpeg(side_shadow(clean, p)),
        "hot_spots": jpeg(hot_spots(clean, p)),
        "red_eye": jpeg(red_eye(clean, p)),
        "glasses": jpeg(glasses(clean, p, glare=False)),
        "glasses_glare": jpeg(glasses(clean, p, glare=True)),
        "bright_catchlights": jpeg(catchlights(clean, p)),
    }


@pytest.fixture(scope="module")
def table_reports(framed_photos) -> dict[str, Report]:
    biden = studio(decode_rgb(framed_photos["biden"].jpeg))
    clean = level(biden, find_faces(biden).landmarks)
    obama = studio(decode_rgb(framed_photos["obama"].jpeg))
    reports = {name: assess(data, name) for name, data in variants(clean, obama).items()}
    reports["obama"] = assess(jpeg(obama), "obama")
    return reports


def expectations() -> list[tuple[str, str, set[str]]]:
    rows = [(v, c, allowed) for v, checks in TABLE.items() for c, allowed in checks.items()]
    return rows + [("obama", c, allowed) for c, allowed in OBAMA_TABLE.items()]


def mismatches(statuses: dict[str, dict[str, str]]) -> list[str]:
    return [
        f"{variant}: {check} answered {statuses[variant][check]}, expected {sorted(allowed)}"
        for variant, check, allowed in expectations()
        if statuses[variant][check] not in allowed
    ]


def statuses_of(reports: dict[str, Report]) -> dict[str, dict[str, str]]:
    return {name: {c.id: str(c.status) for c in r.checks} for name, r in reports.items()}


def test_the_table_names_only_real_checks():
    assert set(TABLE["clean"]) == set(CHECK_IDS), "the clean row pins every check"
    for _variant, check, _allowed in expectations():
        assert check in CHECK_IDS


def test_conformance_table(table_reports):
    assert mismatches(statuses_of(table_reports)) == []


@pytest.mark.parametrize("group", sorted({c.split(".")[0] for c in CHECK_IDS}))
def test_every_check_group_is_pinned(table_reports, group):
    """Were every check of this group to answer "pass", the table would say so."""
    forced = statuses_of(table_reports)
    for checks in forced.values():
        for check in checks:
            if check.split(".")[0] == group:
                checks[check] = "pass"
    assert mismatches(forced), f"{group}.* could always pass and the table would not notice"


@pytest.mark.parametrize("check", sorted(CHECK_IDS))
def test_every_check_is_pinned_by_a_defect(check):
    """Each check has a row where it must flag something (or, for face.hands, a unit test)."""
    if check == "face.hands":
        pytest.skip("no public-domain photo with a hand; see test_a_found_hand_fails")
    flagged = [v for v, checks in TABLE.items() if checks.get(check, PASS) & {"fail", "warn"}
               and "pass" not in checks.get(check, PASS)]  # fmt: skip
    flagged += ["obama"] if "pass" not in OBAMA_TABLE.get(check, PASS) else []
    assert flagged, f"no row of the conformance table makes {check} fail or warn"


def test_a_found_hand_fails(framed_photos, monkeypatch):
    """The palm detector's answer reaches the user as a failed check, in three languages;
    and the costly detector runs only where skin shows beside the head and neck."""
    import luppa.quality.analysis as analysis

    calls = []

    def detector(rgb):
        calls.append(rgb.shape)
        return [tuple(map(float, HAND_BOX))]

    monkeypatch.setattr(analysis, "find_hands", detector)
    biden = studio(decode_rgb(framed_photos["biden"].jpeg))
    clean = level(biden, find_faces(biden).landmarks)
    assert assess(jpeg(clean)).get("face.hands").status == "pass" and not calls
    check = assess(jpeg(painted_hand(clean, find_faces(clean).landmarks))).get("face.hands")
    assert calls and check.status == "fail"
    assert "käsi" in check.message("fi") and "hand" in check.message("sv")
    assert "hand" in check.message("en").lower()
