"""Inputs that are not a usable photo: a reason the user understands, never an exception."""

from __future__ import annotations

import io

import numpy as np
import pytest
from imagetools import BIDEN, HEIGHT, WIDTH, checks_by_id, encode, patch_frame_size
from PIL import Image

from luppa.quality import CHECK_IDS, assess, assess_file
from luppa.quality.decode import UnreadablePhoto, decode
from luppa.quality.messages import render


@pytest.fixture(scope="module")
def biden_image() -> Image.Image:
    image = Image.open(BIDEN)
    image.load()
    return image


def _exif(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif.tobytes()


# --- unreadable bytes ------------------------------------------------------------------------


def test_empty_bytes():
    with pytest.raises(UnreadablePhoto) as info:
        decode(b"")
    assert info.value.key == "error.empty"


def test_truncated_jpeg_is_corrupt():
    data = BIDEN.read_bytes()
    with pytest.raises(UnreadablePhoto) as info:
        decode(data[: len(data) // 2])
    assert info.value.key == "error.corrupt"


def test_jpeg_without_its_end_marker_is_corrupt():
    # The fast JPEG decoder would pad the missing end with grey; the photo must be refused.
    data = BIDEN.read_bytes()
    with pytest.raises(UnreadablePhoto) as info:
        decode(data[:-2])
    assert info.value.key == "error.corrupt"


@pytest.mark.parametrize(
    ("mode", "save_kw"),
    [("RGB", {"subsampling": 2}), ("RGB", {"subsampling": 0}), ("RGB", {"quality": 40}),
     ("L", {}), ("RGB", {"restart_marker_blocks": 4})],
    ids=["420", "444", "q40", "grey", "restarts"],
)  # fmt: skip
def test_decoded_pixels_are_pillows_own(biden_image, mode, save_kw):
    # Upright baseline JPEGs take OpenCV's decoder: the checks must see the very same pixels.
    data = encode(biden_image.convert(mode), **save_kw)
    reference = Image.open(io.BytesIO(data))
    reference.load()
    assert np.array_equal(decode(data).rgb, np.asarray(reference.convert("RGB")))


def test_text_is_not_an_image():
    with pytest.raises(UnreadablePhoto) as info:
        decode(b"Dear passport office,\nplease find my photo attached.\n")
    assert info.value.key == "error.not_image"


def test_too_many_pixels_is_refused_before_decoding():
    # 10000x8000 is above luppa's own 60 Mpx limit but below Pillow's bomb threshold, so it
    # exercises luppa's check; only the header is patched, no pixels are allocated.
    bomb = patch_frame_size(BIDEN.read_bytes(), 10_000, 8_000)
    with pytest.raises(UnreadablePhoto) as info:
        decode(bomb)
    assert info.value.key == "error.too_many_pixels"
    assert "10000×8000" in render(info.value.key, "en", info.value.params)


def test_decompression_bomb_reports_the_pixel_limit():
    bomb = patch_frame_size(BIDEN.read_bytes(), 20_000, 20_000)
    with pytest.raises(UnreadablePhoto) as info:
        decode(bomb)
    assert info.value.key == "error.pixel_bomb"
    assert "60 megapixels" in render(info.value.key, "en", info.value.params)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"", "error.empty"),
        (b"hello, this is not a photo", "error.not_image"),
        (patch_frame_size(BIDEN.read_bytes(), 20_000, 20_000), None),
    ],
    ids=["empty", "text", "bomb"],
)
def test_assess_reports_unreadable_input_without_raising(data, key):
    report = assess(data, "upload.jpg")
    out = report.to_dict("en")
    assert out["verdict"] == "error"
    assert out["checks"] == [] and out["geometry"] is None
    assert out["error"] and "{" not in out["error"]
    if key:
        assert out["error"] == render(key, "en")


# --- files on disk ---------------------------------------------------------------------------


def test_missing_file(tmp_path):
    report = assess_file(tmp_path / "nope.jpg")
    assert report.verdict == "error"
    assert report.error("en") == "No such file."


def test_directory_is_not_a_photo(tmp_path):
    report = assess_file(tmp_path)
    assert report.verdict == "error"
    assert report.error_key == "error.not_a_file"


def test_huge_file_is_refused_without_reading_it(tmp_path):
    # A sparse file: 60 MB on paper, nothing on disk, and it must not be read into memory.
    path = tmp_path / "huge.jpg"
    with path.open("wb") as fh:
        fh.truncate(60_000_000)
    report = assess_file(path)
    assert report.error_key == "error.file_too_large"
    assert "60 MB" in report.error("en")


# --- readable images in the wrong format: reported as a failed format.jpeg -------------------


def _format_check(data: bytes):
    report = assess(data, "photo.jpg")
    assert report.verdict == "fail"
    # The other checks are still run and reported: the user sees everything at once.
    assert [c.id for c in report.checks] == list(CHECK_IDS)
    return checks_by_id(report)["format.jpeg"]


def test_png_named_jpg(biden_image):
    check = _format_check(encode(biden_image, "PNG"))
    assert check.status == "fail"
    for lang in ("fi", "sv", "en"):
        assert "PNG" in check.message(lang)


def test_cmyk_jpeg(biden_image):
    check = _format_check(encode(biden_image.convert("CMYK")))
    assert check.status == "fail"
    assert "CMYK" in check.message("en")


def test_progressive_jpeg(biden_image):
    check = _format_check(encode(biden_image, progressive=True))
    assert check.status == "fail"
    assert "progressive" in check.message("en")


def test_exif_rotation_warns_and_is_measured_upright(framed_rgb):
    # Stored on its side (653x500) with tag 6, a viewer shows it upright at 500x653.
    sideways = Image.fromarray(framed_rgb).transpose(Image.Transpose.ROTATE_90)
    report = assess(encode(sideways, exif=_exif(6)), "rotated.jpg")
    checks = checks_by_id(report)
    assert checks["format.jpeg"].status == "warn"
    assert "6" in checks["format.jpeg"].message("en")
    assert checks["format.dimensions"].status == "pass"
    assert checks["face.single"].status == "pass"
    assert report.geometry is not None


def test_greyscale_jpeg_is_allowed():
    image = Image.new("L", (WIDTH, HEIGHT), 200)
    report = assess(encode(image), "grey.jpg")
    checks = checks_by_id(report)
    assert checks["format.jpeg"].status == "pass"
    assert checks["image.colour"].message_key == "image.colour.greyscale"


def test_png_with_transparency_is_seen_on_white():
    image = Image.new("RGBA", (80, 80), (0, 0, 0, 0))
    photo = decode(encode(image, "PNG"))
    assert photo.rgb.min() == 255


@pytest.mark.parametrize("size", [(1, 1), (5000, 4)], ids=["1x1", "5000x4"])
def test_tiny_image_is_refused_with_a_reason(size):
    report = assess(encode(Image.new("RGB", size, (200, 200, 200))), "tiny.jpg")
    assert report.verdict == "error"
    assert report.error("en") == f"The image is too small to be assessed ({size[0]}×{size[1]} px)."


def test_patched_header_claims_the_new_size():
    # Guard for the tests above: they are only meaningful if Pillow sees the patched size.
    bomb = patch_frame_size(BIDEN.read_bytes(), 10_000, 8_000)
    assert Image.open(io.BytesIO(bomb)).size == (10_000, 8_000)
