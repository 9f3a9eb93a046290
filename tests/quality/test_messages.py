"""Every text a user can see exists in Finnish, Swedish and English, and renders fully."""

from __future__ import annotations

import string

import pytest
from catalogtools import assert_every_language_complete, stale_keys
from imagetools import BIDEN, TWO_PEOPLE, encode, patch_frame_size
from PIL import Image

from luppa.quality import CHECK_IDS, assess, assess_file
from luppa.quality.messages import DOMAIN, LANGUAGES, LOCALE_DIR, MESSAGES, render

PREFIXES = ("common.", "error.", "frame.", "term.", "value.", "unit.", "reading.", "limit_phrase.")


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@pytest.fixture(scope="module")
def real_reports(framed_photos, defect_reports, grey_jpeg, tmp_path_factory):
    """Reports in as many different states as cheap inputs can produce."""
    biden = Image.open(BIDEN)
    exif = Image.Exif()
    exif[0x0112] = 6
    inputs = {
        "png": encode(biden, "PNG"),
        "cmyk": encode(biden.convert("CMYK")),
        "progressive": encode(biden, progressive=True),
        "rotated": encode(biden, exif=exif.tobytes()),
        "two_people": TWO_PEOPLE.read_bytes(),
        "original": BIDEN.read_bytes(),
        "grey": grey_jpeg,
        "empty": b"",
        "text": b"not a photo",
        "truncated": BIDEN.read_bytes()[:20_000],
        "too_many_pixels": patch_frame_size(BIDEN.read_bytes(), 10_000, 8_000),
    }
    reports = [assess(data, name) for name, data in inputs.items()]
    reports += [f.report for f in framed_photos.values()]
    reports += list(defect_reports.values())
    folder = tmp_path_factory.mktemp("unreadable")
    huge = folder / "huge.jpg"
    with huge.open("wb") as fh:
        fh.truncate(60_000_000)  # sparse: nothing is written to disk
    reports += [assess_file(p) for p in (folder / "missing.jpg", folder, huge)]
    return reports


def test_every_message_has_three_texts():
    for key, texts in MESSAGES.items():
        assert len(texts) == len(LANGUAGES) == 3, key
        assert all(isinstance(t, str) and t.strip() for t in texts), key


def test_translations_use_the_same_placeholders():
    for key, texts in MESSAGES.items():
        fi, sv, en = (placeholders(t) for t in texts)
        assert fi == sv == en, key


def test_every_key_belongs_to_a_check():
    # A typo in a key would make a check crash or show the wrong text.
    for key in MESSAGES:
        if not key.startswith(PREFIXES):
            assert key.rsplit(".", 1)[0] in CHECK_IDS, key
    for check_id in CHECK_IDS:
        assert f"{check_id}.ok" in MESSAGES, check_id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_reports_render_completely(real_reports, lang):
    seen = set()
    for report in real_reports:
        texts = [c.message(lang) for c in report.checks]
        if report.error_key:
            texts.append(report.error(lang))
            seen.add(report.error_key)
        seen.update(c.message_key for c in report.checks)
        for text in texts:
            assert text and "{" not in text and "}" not in text, (report.file, text)
    # Guard the guard: the inputs above reach a broad set of outcomes.
    assert len(seen) >= 50
    assert {"error.empty", "error.corrupt", "error.not_image", "error.too_many_pixels"} <= seen
    assert {"error.no_such_file", "error.not_a_file", "error.file_too_large"} <= seen


@pytest.mark.parametrize(
    ("key", "params"),
    [
        ("frame.no_face", {}),
        ("frame.many_faces", {"count": 2}),
        ("frame.low_resolution", {"head": 130, "needed": 378}),
        ("frame.does_not_fit", {"sides": ("top", "right")}),
        ("frame.too_large", {}),
        ("frame.cannot_write", {"reason": "Permission denied"}),
    ],
)
def test_frame_messages_render_completely(key, params):
    for lang in LANGUAGES:
        text = render(key, lang, params)
        assert "{" not in text and "}" not in text, (lang, text)


def test_sides_are_named_in_each_language():
    params = {"sides": ("top", "right")}
    assert "yläpuolella, oikealla" in render("frame.does_not_fit", "fi", params)
    assert "ovanför, till höger" in render("frame.does_not_fit", "sv", params)
    assert "above, right" in render("frame.does_not_fit", "en", params)


def test_decimal_comma_in_finnish_and_swedish():
    assert "12,5" in render("format.file_size.ok", "fi", {"value": 12.5})
    assert "12,5" in render("format.file_size.ok", "sv", {"value": 12.5})
    assert "12.5" in render("format.file_size.ok", "en", {"value": 12.5})


def test_decimal_comma_in_a_real_report(framed_biden):
    check = next(c for c in framed_biden.report.checks if c.id == "format.file_size")
    kb = f"{check.value:.1f}".rstrip("0").rstrip(".")
    assert kb.replace(".", ",") in check.message("fi")
    assert kb in check.message("en")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_limit_texts_are_in_the_report_language(framed_biden, lang) -> None:
    from luppa.quality import assess

    limits = [c["limit"] for c in assess(framed_biden.jpeg).to_dict(lang)["checks"]]
    english = ("face", "of the", "width", "blur", "noise", "lightness", "edges", "score")
    assert not [text for text in limits if any(word in text for word in english)], limits
    assert any("," in text for text in limits)  # decimal comma, e.g. "≤ 0,63"


# --- the quality package's own gettext catalogues ---------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quality_catalogue_mo_is_compiled_from_the_current_po(lang: str) -> None:
    stale = stale_keys(LOCALE_DIR, DOMAIN, lang)
    assert not stale, f"recompile quality.mo for {lang} (msgfmt): {stale[:5]}"


def test_quality_catalogues_have_every_key_in_every_language_with_the_same_placeholders():
    assert_every_language_complete(LOCALE_DIR, DOMAIN)


def test_quality_texts_need_no_web_framework() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from luppa.quality.messages import render; "
        "print(render('face.hands.found', 'sv')); assert 'django' not in sys.modules"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "En hand syns i bilden" in out.stdout
