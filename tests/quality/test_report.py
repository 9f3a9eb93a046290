"""The report a user reads: its JSON shape, and geometry defects named with their numbers."""

from __future__ import annotations

import json

import pytest
from imagetools import BIDEN, CENTRE_MAX_OFFSET, CROWN_MARGIN, CROWN_TO_CHIN, STATUSES, checks_by_id

from luppa.quality import CHECK_IDS, Report, assess, assess_file
from luppa.quality.messages import render

REPORT_KEYS = {"file", "verdict", "error", "checks", "geometry", "elapsed_ms"}
CHECK_KEYS = {
    "id", "section", "title", "status", "value", "limit", "message", "value_text", "waivable"
}  # fmt: skip
GEOMETRY_KEYS = {
    "crown_y",
    "chin_y",
    "crown_to_chin",
    "crown_margin",
    "chin_margin",
    "centre_x",
    "centre_offset",
}
# Checks that look at the face; without one they can only say "not evaluated".
FACE_DEPENDENT = (
    "geometry.centre_line",
    "geometry.crown_to_chin",
    "geometry.crown_margin",
    "geometry.chin_margin",
    "pose.straight",
    "pose.gaze",
    "expression.eyes_open",
    "expression.mouth_closed",
    "expression.neutral",
    "lighting.exposure",
    "lighting.even",
    "lighting.hot_spots",
    "lighting.red_eye",
    "image.sharpness",
    "accessories.glasses",
)


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def as_json(report: Report, lang: str = "fi") -> dict:
    """What a client receives: the dict after a strict JSON round trip."""
    return json.loads(json.dumps(report.to_dict(lang), ensure_ascii=False, allow_nan=False))


def assert_contract(out: dict) -> None:
    assert set(out) == REPORT_KEYS
    assert isinstance(out["file"], str)
    assert out["verdict"] in {"pass", "fail", "error"}
    assert is_number(out["elapsed_ms"]) and out["elapsed_ms"] >= 0
    if out["verdict"] == "error":
        assert isinstance(out["error"], str) and out["error"]
        assert out["checks"] == [] and out["geometry"] is None
        return
    assert out["error"] is None
    assert [c["id"] for c in out["checks"]] == list(CHECK_IDS)
    for c in out["checks"]:
        assert set(c) == CHECK_KEYS
        assert c["status"] in STATUSES
        assert isinstance(c["section"], str) and c["section"].endswith("§")
        assert isinstance(c["limit"], str) and c["limit"]
        assert isinstance(c["message"], str) and c["message"]
        assert isinstance(c["value_text"], str) and c["value_text"]
        assert c["waivable"] is (c["section"] in ("3 §", "4 §", "5 §"))
    failed = any(c["status"] == "fail" for c in out["checks"])
    assert out["verdict"] == ("fail" if failed else "pass")
    if out["geometry"] is not None:
        assert set(out["geometry"]) == GEOMETRY_KEYS
        assert all(is_number(v) for v in out["geometry"].values())


# --- the contract ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_framed_photo_report(framed_biden, lang):
    out = as_json(framed_biden.report, lang)
    assert_contract(out)
    assert out["geometry"] is not None


def test_photo_outside_the_frame_is_not_measured():
    # The original is 707x670: proportions are only defined in the 500x653 frame.
    out = as_json(assess_file(BIDEN), "en")
    assert_contract(out)
    assert out["file"] == str(BIDEN)
    assert out["geometry"] is None
    geometry = [c for c in out["checks"] if c["id"].startswith("geometry.")]
    assert {c["status"] for c in geometry} == {"not_evaluated"}
    assert all("500×653" in c["message"] for c in geometry)


def test_unreadable_photo_report():
    out = as_json(assess(b"", "empty.jpg"), "en")
    assert_contract(out)
    assert out["error"] == "The file is empty (0 bytes)."


def test_languages_give_different_texts(framed_biden):
    fi, sv, en = (as_json(framed_biden.report, lang) for lang in ("fi", "sv", "en"))
    for c_fi, c_sv, c_en in zip(fi["checks"], sv["checks"], en["checks"], strict=True):
        assert c_sv["message"] != c_fi["message"], c_fi["id"]
        assert c_en["message"] != c_fi["message"], c_fi["id"]
        # Only the text changes with the language, never the result.
        assert c_fi["status"] == c_sv["status"] == c_en["status"]


# --- a photo without a face --------------------------------------------------------------------


def test_plain_grey_photo_has_no_face(grey_jpeg):
    report = assess(grey_jpeg, "grey.jpg")
    assert_contract(as_json(report))
    checks = checks_by_id(report)
    assert checks["face.single"].status == "fail"
    assert checks["face.single"].message_key == "face.single.none"
    for check_id in FACE_DEPENDENT:
        assert checks[check_id].status == "not_evaluated", check_id
        assert checks[check_id].message("en") == render("common.no_face", "en")
    assert {checks[i].status for i in CHECK_IDS if i.startswith("format.")} == {"pass"}
    assert report.geometry is None


# --- geometry defects on an otherwise framed photo ----------------------------------------------


def test_face_off_the_centre_line(defect_reports):
    for name, side in (("right_45", "right"), ("left_45", "left")):
        check = checks_by_id(defect_reports[name])["geometry.centre_line"]
        assert check.status == "fail", name
        assert check.value > CENTRE_MAX_OFFSET
        assert 35 <= check.value <= 55, "the 45 px shift should be measured as about 45 px"
        assert f"too far {side}" in check.message("en")


def test_head_too_small(defect_reports):
    check = checks_by_id(defect_reports["scaled_85"])["geometry.crown_to_chin"]
    assert check.status == "fail"
    assert 380 <= check.value < CROWN_TO_CHIN[0]
    for lang in ("fi", "sv", "en"):
        assert f"{check.value} px" in check.message(lang)
    assert "too small" in check.message("en")


def test_head_too_high(defect_reports):
    checks = checks_by_id(defect_reports["up_40"])
    crown = checks["geometry.crown_margin"]
    assert crown.status == "fail"
    assert crown.value < CROWN_MARGIN[0]
    assert f"{crown.value} px" in crown.message("en")
    assert "too high" in crown.message("en")
    # Moving the photo does not change the head's size.
    assert checks["geometry.crown_to_chin"].status == "pass"


def test_defects_leave_the_rest_of_the_report_intact(defect_reports):
    for report in defect_reports.values():
        assert_contract(as_json(report))
        assert report.verdict == "fail"


def test_measured_values_read_in_the_users_language(framed_biden):
    """No page shows the code's English names such as "roll -3.1, yaw -8.8"."""
    pose = next(
        c for c in framed_biden.report.to_dict("fi")["checks"] if c["id"] == "pose.straight"
    )
    assert "kallistus" in pose["value_text"] and "roll" not in pose["value_text"]
    assert "," in pose["value_text"], "decimal comma in Finnish"
    sv = next(c for c in framed_biden.report.to_dict("sv")["checks"] if c["id"] == "pose.straight")
    assert "lutning" in sv["value_text"]
