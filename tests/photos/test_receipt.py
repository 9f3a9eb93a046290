"""The photo receipt: barcode, PDFs in two sizes, and the receipt page."""

from __future__ import annotations

import base64
import datetime as dt
import re
import zlib

import pytest
from django.test import Client
from django.utils import timezone
from factories.photos import decided
from webtools import PIA, force_login_private

from luppa.accounts.models import Account
from luppa.core.photo_id import display, generate
from luppa.photos import receipt, services
from luppa.photos.models import Photo

MM = 72 / 25.4
ID = "K7QX3MRDW9"


def sample(**changes) -> receipt.ReceiptData:
    data = {
        "photo_id": ID,
        "studio_name": "Kuvaamo Keskusta & Co",
        "taken_at": dt.datetime(2026, 11, 21, 12, 5, tzinfo=dt.UTC),
        "customer_name": "Maija Meikäläinen",
        "valid_until": dt.date(2027, 5, 23),
    }
    return receipt.ReceiptData(**{**data, **changes})


# --- barcode -----------------------------------------------------------------------------------


def svg_bars(svg: str) -> list[tuple[int, int]]:
    return [(int(x), int(w)) for x, w in re.findall(r"M(\d+) 0h(\d+)v", svg)]


def svg_modules(svg: str) -> int:
    return int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))


def decode_code128(bars: list[tuple[int, int]]) -> str:
    """An independent reading of the bars: widths → symbol values by the Code 128 table,
    the check character recomputed, code sets B and C followed."""
    from reportlab.graphics.barcode.code128 import _patterns

    widths = []
    for i, (x, w) in enumerate(bars):
        if i:
            widths.append(x - (bars[i - 1][0] + bars[i - 1][1]))  # the space before
        widths.append(w)
    table = {
        "".join(str(ord(ch.lower()) - 96) for ch in pattern): value
        for value, pattern in _patterns.items()
    }
    symbols = [table["".join(map(str, widths[i : i + 6]))] for i in range(0, len(widths) - 7, 6)]
    assert table["".join(map(str, widths[-7:]))] == 106, "no stop character"
    start, *data, check = symbols
    assert start in (103, 104, 105)
    assert check == (start + sum(i * v for i, v in enumerate(data, 1))) % 103, "check character"
    text, code = "", {103: "A", 104: "B", 105: "C"}[start]
    for value in data:
        if code == "C":
            assert value <= 100, "only sets B and C are expected"
            text, code = (text + f"{value:02d}", "C") if value < 100 else (text, "B")
        elif value == 99:
            code = "C"
        else:
            assert code == "B" and value < 96, "only sets B and C are expected"
            text += chr(value + 32)
    return text


# Named, not shown: generated IDs differ in every process (pytest-xdist compares the names).
@pytest.mark.parametrize(
    "photo_id",
    [ID, "3467934679", generate(), generate()],
    ids=["example", "digits", "generated", "generated-again"],
)
def test_barcode_svg_encodes_the_photo_id_with_quiet_zones(photo_id) -> None:
    svg = receipt.barcode_svg(photo_id)
    bars = svg_bars(svg)
    assert decode_code128(bars) == photo_id
    assert bars[0][0] >= 10, "quiet zone on the left"
    assert svg_modules(svg) - (bars[-1][0] + bars[-1][1]) >= 10, "quiet zone on the right"
    assert '<rect width="' in svg and 'fill="#fff"' in svg  # white behind the quiet zones
    assert 'aria-hidden="true"' in svg


def test_barcode_svg_reads_in_a_real_scanner_library() -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    import numpy as np

    svg = receipt.barcode_svg(ID, label='Viivakoodi "x" <y>')
    assert 'aria-label="Viivakoodi &quot;x&quot; &lt;y&gt;"' in svg
    row = np.full(svg_modules(svg), 255, np.uint8)
    for x, w in svg_bars(svg):
        row[x : x + w] = 0
    image = np.tile(np.repeat(row, 2), (60, 1))
    found = zxingcpp.read_barcodes(image)
    assert [(r.text, r.format.name) for r in found] == [(ID, "Code128")]


# --- PDF ---------------------------------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    """The page content streams, inflated, as text (enough to find the printed strings)."""
    out = []
    for header, raw in re.findall(rb"<<([^>]*)>>\s*stream\r?\n(.*?)\s*endstream", pdf, re.S):
        if b"ASCII85Decode" in header:
            raw = base64.a85decode(raw.strip().removesuffix(b"~>"))
        if b"FlateDecode" in header:
            raw = zlib.decompress(raw)
        out.append(raw.decode("latin-1"))
    return "\n".join(out)


@pytest.mark.parametrize(("size", "mm"), [("10x15", (100, 150)), ("80x72", (80, 72))])
def test_pdf_is_one_page_of_the_right_size_with_the_receipt(size, mm) -> None:
    pdf = receipt.receipt_pdf(sample(), size)
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 1
    box = [float(v) for v in re.search(rb"/MediaBox \[ ([\d. ]+) \]", pdf).group(1).split()]
    assert box[2:] == pytest.approx([mm[0] * MM, mm[1] * MM], abs=0.1)
    text = pdf_text(pdf)
    for expected in (display(ID), "Kuvaamo Keskusta & Co", "21.11.2026 14.05", "Meik"):
        assert expected in text, expected
    assert "lupapalvelupisteess" in text and "tillst" in text  # Finnish and Swedish


def test_pdf_stays_one_page_with_long_names() -> None:
    long = sample(studio_name="Valokuvaamo " * 16, customer_name="Anna-Maria " * 9)
    for size in receipt.SIZES:
        pdf = receipt.receipt_pdf(long, size)
        assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 1


def test_pdf_barcode_reads_in_a_scanner_library() -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    pdfium = pytest.importorskip("pypdfium2")
    for size in receipt.SIZES:
        document = pdfium.PdfDocument(receipt.receipt_pdf(sample(), size))
        try:
            image = document[0].render(scale=300 / 72).to_pil()
        finally:
            document.close()
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [ID], size


def test_unknown_size_is_refused() -> None:
    with pytest.raises(receipt.UnknownSize):
        receipt.receipt_pdf(sample(), "A4")


# --- web ---------------------------------------------------------------------------------------


@pytest.fixture
def submitted(client: Client, framed_biden, biden_report) -> Photo:
    account = force_login_private(client, PIA)
    account.studio_name = "Pian Kuvaamo"
    account.save()
    photo = services.create_draft(
        account,
        account.photographers.get(),
        framed_biden.jpeg,
        {"first_names": "Maija", "surname": "Meikäläinen", "hetu": "131052-308T"},
        report=biden_report,
    )
    Photo.objects.filter(pk=photo.pk).update(taken_at=dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.UTC))
    return services.submit(photo, receipt_email="maija@example.fi")


@pytest.mark.django_db
def test_receipt_page(client: Client, submitted: Photo) -> None:
    response = client.get(f"/photos/receipt/{submitted.photo_id}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert display(submitted.photo_id) in html
    assert re.search(r'<svg [^>]*class="barcode" role="img" aria-label="[^"]+"', html)
    assert "Pian Kuvaamo" in html and "Maija Meikäläinen" in html
    assert "1.6.2026 12.30" in html  # Helsinki summer time, Finnish convention
    assert '<p lang="fi">' in html and '<p lang="sv">' in html
    assert f"/photos/receipt/{submitted.photo_id}/receipt.pdf?size=10x15" in html
    assert f"/photos/receipt/{submitted.photo_id}/receipt.pdf?size=80x72" in html
    assert 'media="print"' in html
    assert "131052" not in html and "308T" not in html


@pytest.mark.django_db
def test_receipt_instructions_stay_finnish_and_swedish_in_english(client, submitted) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(f"/photos/receipt/{submitted.photo_id}/").content.decode()
    assert receipt.INSTRUCTIONS["fi"] in html and receipt.INSTRUCTIONS["sv"] in html


@pytest.mark.django_db
def test_receipt_found_by_any_typed_form_and_404_otherwise(client, submitted) -> None:
    typed = display(submitted.photo_id).lower()
    assert client.get(f"/photos/receipt/{typed}/").status_code == 200
    wrong_check = submitted.photo_id[:-1] + ("3" if submitted.photo_id[-1] != "3" else "4")
    for photo_id in (wrong_check, "nonsense", generate()):
        assert client.get(f"/photos/receipt/{photo_id}/").status_code == 404
        assert client.get(f"/photos/receipt/{photo_id}/receipt.pdf").status_code == 404


@pytest.mark.django_db
def test_receipt_pdf_views(client: Client, submitted: Photo) -> None:
    url = f"/photos/receipt/{submitted.photo_id}/receipt.pdf"
    default = client.get(url)
    assert default.status_code == 200 and default["Content-Type"] == "application/pdf"
    assert "10x15" in default["Content-Disposition"]
    small = client.get(url, {"size": "80x72"})
    assert small.status_code == 200 and small.content.startswith(b"%PDF")
    for bad in ("A4", "", "10x15x", "<script>"):
        assert client.get(url, {"size": bad}).status_code == 400


@pytest.mark.django_db
def test_customer_name_leaves_the_receipt_a_week_after_evaluation(client, submitted) -> None:
    decided(submitted, Photo.Evaluation.APPROVED, at=timezone.now() - dt.timedelta(days=8))
    html = client.get(f"/photos/receipt/{submitted.photo_id}/").content.decode()
    assert "Maija" not in html and display(submitted.photo_id) in html
    assert client.get(f"/photos/{submitted.pk}/image.jpg").status_code == 404


# --- languages and dates (the customer's languages, Finnish date conventions) -------------------


def test_receipt_dates_follow_finnish_conventions() -> None:
    moment = dt.datetime(2026, 11, 30, 10, 16, tzinfo=dt.UTC)  # 12.16 in Helsinki
    assert receipt.local_time_text(moment) == "30.11.2026 12.16"
    assert receipt.local_time_text(moment, ("fi",)) == "30.11.2026 klo 12.16"
    assert receipt.local_time_text(moment, ("sv",)) == "30.11.2026 kl. 12.16"
    assert receipt.local_time_text(moment, ("en",)) == "30 Nov 2026, 12:16"
    assert sample(valid_until=dt.date(2027, 6, 1)).valid_until_text == "1.6.2027"


@pytest.mark.django_db
def test_photographer_chooses_english_for_the_receipt(
    client: Client, framed_biden, biden_report
) -> None:
    from luppa.outbox.models import Message

    force_login_private(client, PIA)
    account = Account.objects.get()
    photo = services.create_draft(
        account,
        account.photographers.get(),
        framed_biden.jpeg,
        {},
        report=biden_report,
    )
    from luppa.decree.sections import STEPS

    for step in STEPS:
        client.post(
            f"/photos/draft/{photo.pk}/step/{step.number}/",
            # Confirms any tick that contradicts a failed automatic result.
            {"ticks": step.requirement_keys, "confirm": "on"},
        )
    page = client.get(f"/photos/draft/{photo.pk}/submit/").content.decode()
    assert 'name="receipt_languages" value="en"' in page
    response = client.post(
        f"/photos/draft/{photo.pk}/submit/",
        {"receipt_email": "c@example.fi", "receipt_languages": ["fi", "en"]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    photo.refresh_from_db()
    assert photo.receipt_languages == ["fi", "en"]
    html = client.get(f"/photos/receipt/{photo.photo_id}/").content.decode()
    assert "Kuvakuitti · Photo receipt" in html
    assert '<p lang="en">' in html and '<p lang="sv">' not in html
    assert "Usable until" in html
    mail = Message.objects.get(photo=photo)
    assert "PHOTO RECEIPT" in mail.body and "FOTOKVITTO" not in mail.body
    assert mail.subject.startswith("Kuvakuitti / Photo receipt")
    pdf = client.get(f"/photos/receipt/{photo.photo_id}/receipt.pdf")
    assert pdf.status_code == 200


def test_three_language_receipt_pdf_is_made_in_both_sizes() -> None:
    data = sample(languages=("fi", "sv", "en"), valid_until=dt.date(2027, 6, 1))
    for size in receipt.SIZES:
        assert receipt.receipt_pdf(data, size).startswith(b"%PDF")
