"""`frame`: a camera portrait in, a compliant 500x653 JPEG out, or a clear refusal."""

from __future__ import annotations

import io

import numpy as np
import pytest
from imagetools import (
    BIDEN,
    CENTRE_MAX_OFFSET,
    CHIN_MARGIN,
    CROWN_MARGIN,
    CROWN_TO_CHIN,
    HEIGHT,
    MAX_BYTES,
    TWO_PEOPLE,
    WIDTH,
    encode,
    jpeg_segments,
)
from PIL import Image

from luppa.quality import assess
from luppa.quality.faces import find_faces
from luppa.quality.frame import FrameError, frame
from luppa.quality.messages import render

SOF_BASELINE, SOF_PROGRESSIVE, APP1_EXIF = 0xC0, 0xC2, 0xE1


def assert_compliant_file(data: bytes) -> None:
    """What the photo server checks before it looks at the face."""
    assert len(data) <= MAX_BYTES
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert image.size == (WIDTH, HEIGHT)
    markers = [m for m, _ in jpeg_segments(data)]
    assert SOF_BASELINE in markers and SOF_PROGRESSIVE not in markers
    assert APP1_EXIF not in markers
    assert not image.getexif()


def assert_within_decree(geometry: dict) -> None:
    assert geometry["centre_offset"] <= CENTRE_MAX_OFFSET
    assert CROWN_TO_CHIN[0] <= geometry["crown_to_chin"] <= CROWN_TO_CHIN[1]
    assert CROWN_MARGIN[0] <= geometry["crown_margin"] <= CROWN_MARGIN[1]
    assert CHIN_MARGIN[0] <= geometry["chin_margin"] <= CHIN_MARGIN[1]


def assert_format_and_geometry_pass(jpeg: bytes) -> None:
    # Assess the bytes afresh, as `luppa check` would, rather than trusting frame's own report.
    report = assess(jpeg, "framed.jpg")
    placement = [c for c in report.checks if c.id.startswith(("format.", "geometry."))]
    assert len(placement) >= 8  # jpeg, dimensions, file size, compression + four bands
    failing = {c.id: (str(c.status), c.message("en")) for c in placement if c.status != "pass"}
    assert failing == {}
    assert_within_decree(report.geometry.to_dict())


def refusal(data: bytes) -> FrameError:
    with pytest.raises(FrameError) as info:
        frame(data)
    return info.value


@pytest.fixture(scope="module")
def biden_image() -> Image.Image:
    image = Image.open(BIDEN)
    image.load()
    return image


# --- framing succeeds ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["biden", "obama"])
def test_framed_file_is_a_compliant_jpeg(framed_photos, name):
    assert_compliant_file(framed_photos[name].jpeg)


@pytest.mark.parametrize("name", ["biden", "obama"])
def test_framed_photo_passes_format_and_geometry(framed_photos, name):
    framed = framed_photos[name]
    assert_format_and_geometry_pass(framed.jpeg)
    assert_within_decree(framed.report.geometry.to_dict())


def test_exif_rotated_portrait_is_framed_upright_without_exif(biden_image):
    # A phone photo: pixels stored sideways, tag 6 says "rotate 90° clockwise to view".
    exif = Image.Exif()
    exif[0x0112] = 6
    sideways = biden_image.transpose(Image.Transpose.ROTATE_90)
    framed = frame(encode(sideways, exif=exif.tobytes()))
    assert_compliant_file(framed.jpeg)
    assert_format_and_geometry_pass(framed.jpeg)


def test_black_and_white_portrait_stays_black_and_white(biden_image):
    framed = frame(encode(biden_image.convert("L")))
    assert Image.open(io.BytesIO(framed.jpeg)).mode == "L"
    assert_compliant_file(framed.jpeg)


# --- framing refuses, with the reason ----------------------------------------------------------


def test_low_resolution_portrait_is_refused(biden_image):
    small = biden_image.resize((biden_image.width // 3, biden_image.height // 3), Image.LANCZOS)
    error = refusal(encode(small))
    assert error.key == "frame.low_resolution"
    # The message tells how big the head is and how big it must be.
    message = render(error.key, "en", error.params)
    assert f"{error.params['head']} px" in message
    assert error.params["head"] < error.params["needed"]


def test_two_people_are_refused():
    error = refusal(TWO_PEOPLE.read_bytes())
    assert error.key == "frame.many_faces"
    assert error.params["count"] == 2


def test_no_face_is_refused(grey_jpeg):
    assert refusal(grey_jpeg).key == "frame.no_face"


def test_no_room_above_the_head_is_refused(biden_image):
    _, y, _, h = find_faces(np.asarray(biden_image), far=True).face_boxes[0]
    top = round(y + 0.4 * h)
    cropped = biden_image.crop((0, top, biden_image.width, biden_image.height))
    error = refusal(encode(cropped))
    assert error.key == "frame.does_not_fit"
    assert "top" in error.params["sides"]
    # The side is named in the user's language, not as the internal word.
    assert "yläpuolella" in render(error.key, "fi", error.params)


# --- the press photos in ../shared/samples (skipped when absent) ------------------------------


@pytest.mark.parametrize("name", ["img2", "img3", "img8", "img13", "img18"])
def test_press_portrait_is_framed(portraits, name):
    path = portraits / f"{name}.jpg"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    framed = frame(path.read_bytes())
    assert_compliant_file(framed.jpeg)
    assert_within_decree(framed.report.geometry.to_dict())


@pytest.mark.parametrize("name", ["couple", "selfie-many-people"])
def test_group_photo_is_refused(portraits, name):
    path = portraits / f"{name}.jpg"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    error = refusal(path.read_bytes())
    assert error.key == "frame.many_faces"
    assert error.params["count"] >= 2
