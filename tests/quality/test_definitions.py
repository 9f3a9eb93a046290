"""Each check defines itself once: section (and decree 10 §), title, measures with units, a
limit as numbers. Everything a person reads is built from that, in fi, sv and en."""

from __future__ import annotations

import re

import pytest

from luppa.quality import CHECK_IDS, CHECKS, assess
from luppa.quality.definition import (
    SECTIONS,
    Bound,
    Limit,
    Measure,
    render_limit,
    render_value,
)
from luppa.quality.messages import LANGUAGES, MESSAGES
from luppa.quality.stored import readable, to_stored

# Words of the code's English names that must never reach a Finnish or Swedish reader.
ENGLISH = re.compile(
    r"\b(roll|yaw|pitch|edges|texture|variation|lightness|chroma|face|highlight|clipped|"
    r"quality|blockiness|glasses|reflections|smile|blur|noise|gaze|lid|lip|of the)\b"
)


def test_decree_10_waives_exactly_sections_3_to_5():
    waived = sorted(s.number for s in SECTIONS.values() if s.medical_exception)
    assert waived == [3, 4, 5]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_check_is_self_describing(check):
    assert check.section.label in SECTIONS
    assert check.waivable is check.section.medical_exception
    for lang in LANGUAGES:
        assert check.title(lang).strip() and check.title(lang) != check.title_key
    for measure in check.measures:
        assert f"value.{measure.name}" in MESSAGES, measure
        assert not measure.unit or f"unit.{measure.unit}" in MESSAGES, measure
    # A limit of numbers is built from them; only a limit that is no number has a text.
    has_text = f"{check.id}.limit" in MESSAGES
    assert has_text is (not check.limit.bounds), check.id
    for lang in LANGUAGES:
        assert check.limit.render(lang).strip()
    # What it can say: a pass, and at least one way of telling what is wrong.
    assert f"{check.id}.ok" in check.message_keys and len(check.message_keys) >= 2


def test_every_outcome_a_report_gives_is_one_its_check_declares(framed_photos, defect_reports):
    reports = [f.report for f in framed_photos.values()] + list(defect_reports.values())
    by_id = {c.id: c for c in CHECKS}
    for report in reports:
        for c in report.checks:
            if not c.message_key.startswith("common."):
                assert c.message_key in by_id[c.id].message_keys, c.message_key


def test_limits_use_each_languages_decimal_sign_and_units():
    angle = Limit(bounds=(Bound(Measure("roll", "deg"), high=2.5),))
    assert angle.render("fi") == "kallistus ≤ 2,5°"
    assert angle.render("sv") == "lutning ≤ 2,5°"
    assert angle.render("en") == "roll ≤ 2.5°"
    share = Limit(bounds=(Bound(Measure("edges", "percent"), high=0.025),))
    assert share.render("fi") == "reunoja ≤ 2,5 %"
    assert share.render("en") == "edges ≤ 2.5%"
    band = Limit(bounds=(Bound(Measure("crown_to_chin", "px"), low=445, high=500),))
    assert band.render("sv").endswith("445–500 px")
    signed = Limit(bounds=(Bound(Measure("gaze", "eye_width"), high=0.12, symmetric=True),))
    assert "±0,12 silmän leveydestä" in signed.render("fi")


def test_a_value_of_named_parts_is_shown_in_the_readers_language():
    units = {"roll": "deg", "yaw": "deg", "pitch": "deg"}
    value = {"roll": -3.1, "yaw": -8.8, "pitch": 2.0}
    assert render_value(value, units, "fi") == "kallistus -3,1°; kääntö -8,8°; nyökkäys 2°"
    assert render_value(value, units, "sv") == "lutning -3,1°; vridning -8,8°; nickning 2°"
    assert render_value(value, units, "en") == "roll -3.1°; yaw -8.8°; pitch 2°"
    assert render_value(0.0123, {"": "percent"}, "fi") == "1,23 %"
    assert render_value("JPEG progressive", {}, "fi") == "JPEG, progressiivinen"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_no_english_in_a_real_reports_values_and_limits(framed_photos, lang):
    for framed in framed_photos.values():
        for c in framed.report.checks:
            for text in (c.value_text(lang), c.limit_text(lang), c.title(lang)):
                assert not ENGLISH.search(text), (c.id, text)
                assert not re.search(r"\d\.\d", text), (c.id, text)  # decimal comma


def test_a_stored_result_reads_as_the_fresh_one(framed_biden):
    for c in framed_biden.report.checks:
        for lang in LANGUAGES:
            text = readable(to_stored(c), lang)
            assert (text.value, text.limit, text.message, text.title) == (
                c.value_text(lang), c.limit_text(lang), c.message(lang), c.title(lang)
            )  # fmt: skip
            assert text.waivable is c.waivable


def test_a_row_stored_before_structured_limits_still_reads_in_finnish():
    old = {
        "id": "pose.straight", "section": "3 §", "status": "warn",
        "value": {"roll": -3.1, "yaw": -8.8, "pitch": 1.0},
        "limit": "roll ≤ 8°, yaw ≤ 12°, pitch ≤ 22°", "key": "pose.straight.maybe_turned",
        "params": {"value": {"roll": -3.1, "yaw": -8.8, "pitch": 1.0}, "angle": 9},
    }  # fmt: skip
    text = readable(old, "fi")
    assert text.value == "kallistus -3,1°; kääntö -8,8°; nyökkäys 1°"
    assert not ENGLISH.search(text.limit) and "8°" in text.limit
    assert text.waivable and text.title == "Pään asento"
    gone = readable({"id": "old.check", "section": "4 §", "status": "pass", "value": 0.5}, "sv")
    assert gone.title == "old.check" and gone.value == "0,5" and gone.waivable


def test_a_deployment_threshold_reaches_the_stored_limit(monkeypatch):
    # The limit is stored as numbers with the result: what the photo was judged against.
    check = next(c for c in CHECKS if c.id == "lighting.even")
    spec = check.limit.to_json()
    assert spec["bounds"][0]["high"] == pytest.approx(0.35)
    assert render_limit(spec, "fi") == "kasvojen puoliskojen ero ≤ 35 %"


def test_every_check_id_is_one_definition():
    assert len(CHECK_IDS) == len(set(CHECK_IDS)) == len(CHECKS)


def test_report_rows_carry_the_definitions_texts(framed_biden):
    rows = assess(framed_biden.jpeg).to_dict("sv")["checks"]
    straight = next(r for r in rows if r["id"] == "pose.straight")
    assert straight["title"] == "Huvudets hållning" and straight["waivable"] is True
    assert straight["limit"].startswith("lutning ±8°")
