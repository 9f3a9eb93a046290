"""The live photo's frame checks and the kiosk's printouts."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from kiosktools import frame_rgb
from PIL import Image

from luppa import faces
from luppa.kiosk import camera, simulators
from luppa.kiosk.certificate import certificate_pdf
from luppa.kiosk.devices import DeviceError
from luppa.kiosk.identity import as_jpeg


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def test_an_empty_frame_asks_to_look_at_the_camera() -> None:
    result = camera.check_frame(_jpeg(Image.new("RGB", (960, 720), (200, 200, 200))))
    assert (result.ready, result.hint) == (False, "look_at_camera")


def test_a_distant_customer_is_asked_to_come_closer() -> None:
    far = Image.fromarray(frame_rgb()).resize((480, 360))
    canvas = Image.new("RGB", (960, 720), (235, 235, 235))
    canvas.paste(far, (240, 180))
    assert camera.check_frame(_jpeg(canvas)).hint == "closer"


def test_junk_is_not_a_photo() -> None:
    assert camera.check_frame(b"not a jpeg").hint == "look_at_camera"


def _text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return " ".join(page.get_textpage().get_text_range() for page in document)


def test_certificate_names_the_holder_in_two_languages() -> None:
    identity = {
        "given_names": "KALLE TESTI",
        "surname": "SPECIMEN",
        "birth_date": "1974-08-12",
        "nationality": "UTO",
        "document_type": "TD3",
        "document_number": "L898902C3",
    }
    text = _text(certificate_pdf(identity, "ABCDE-FGHJK", "62XYGZ", "sv"))
    assert "Intyg om anhängig ansökan om uppehållstillstånd" in text
    assert "Todistus vireillä olevasta oleskelulupahakemuksesta" in text
    for value in ("KALLE TESTI SPECIMEN", "12.8.1974", "ABCDE-FGHJK", "62XYGZ", "L898902C3"):
        assert value in text


def test_a_jpeg_2000_face_on_the_chip_is_compared() -> None:
    out = io.BytesIO()
    Image.open(simulators.FACES / "holder-a.jpg").save(out, "JPEG2000")
    jp2 = out.getvalue()
    assert jp2[4:8] == b"jP  "
    from_jp2 = faces.embed_bytes(as_jpeg(jp2)).vector
    from_jpeg = faces.embed_bytes((simulators.FACES / "holder-a.jpg").read_bytes()).vector
    assert faces.compare_vectors(from_jp2, from_jpeg).score > 0.9


def test_printer_simulator_runs_out_of_paper() -> None:
    printer = simulators.PrinterSimulator()
    simulators.STATE.reset()
    printer.print_pdf("x", b"%PDF-1.4 ...")
    simulators.STATE.paper = False
    with pytest.raises(DeviceError) as caught:
        printer.print_pdf("x", b"%PDF-1.4 ...")
    assert caught.value.key == "printer.paper_out"
    simulators.STATE.reset()
