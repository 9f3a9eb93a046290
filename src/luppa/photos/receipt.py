"""The photo receipt (kuvakuitti): photo ID as text and Code 128 barcode, studio, time of
photography, customer's name, and instructions for the customer.

The receipt is the customer's document, so its languages are the customer's, not those of
the photographer's screen: Finnish and Swedish by default (Finland's police serve in both
national languages), English added or chosen for Immigration Service customers. Its texts are
therefore constants here, one per language, not translatable text. Dates follow the Finnish
convention: 1.6.2027, and 30.11.2026 12.16 (klo/kl. when the receipt has one language).

Pure functions over plain data, so the web pages, the e-mail receipt and the studio API
all print the same receipt.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.graphics.barcode import code128, createBarcodeDrawing
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..core.photo_id import display

if TYPE_CHECKING:
    from .models import Photo

HELSINKI = ZoneInfo("Europe/Helsinki")

# Page sizes in millimetres: a 10×15 cm photo print (default) or a receipt printer's roll.
SIZES: dict[str, tuple[float, float]] = {"10x15": (100, 150), "80x72": (80, 72)}
DEFAULT_SIZE = "10x15"

# Code 128 wants a quiet zone of at least 10 modules on both sides; a little more is safer.
QUIET_MODULES = 12

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGES = ("fi", "sv")
TITLES = {"fi": "Kuvakuitti", "sv": "Fotokvitto", "en": "Photo receipt"}
TITLE = (TITLES["fi"], TITLES["sv"])
LABEL_TEXTS = {
    "photo_id": {"fi": "Kuvatunnus", "sv": "Bild-ID", "en": "Photo ID"},
    "studio": {"fi": "Kuvaamo", "sv": "Fotoateljé", "en": "Photo studio"},
    "taken_at": {"fi": "Kuvausaika", "sv": "Fotograferingstid", "en": "Photographed"},
    "customer": {"fi": "Asiakas", "sv": "Kund", "en": "Customer"},
    "valid_until": {"fi": "Käytettävissä", "sv": "Kan användas till", "en": "Usable until"},
}
LABELS = {key: (texts["fi"], texts["sv"]) for key, texts in LABEL_TEXTS.items()}
INSTRUCTIONS = {
    "fi": (
        "Ota tämä kuitti mukaan, kun jätät lupahakemuksen poliisin lupapalvelupisteessä: "
        "virkailija löytää kuvasi kuvatunnuksella. Jos teet hakemuksen verkossa, syötä "
        "kuvatunnus hakemuslomakkeeseen. Kuva on käytettävissä 6 kuukautta kuvan "
        "lähettämisestä. Kuvaa ei voi liittää ajokorttihakemukseen."
    ),
    "sv": (
        "Ta med detta kvitto när du lämnar in din tillståndsansökan hos polisens "
        "tillståndsservice: tjänstemannen hittar ditt foto med bild-ID:t. Om du ansöker "
        "på nätet, skriv in bild-ID:t i ansökningsblanketten. Fotot kan användas i "
        "6 månader från att det skickades. Fotot kan inte bifogas en körkortsansökan."
    ),
    "en": (
        "Bring this receipt when you submit your permit application at a police service "
        "point or at the Finnish Immigration Service: the officer finds your photo with the "
        "photo ID. If you apply online, enter the photo ID in the application form. The photo "
        "can be used for 6 months after it was sent. It cannot be attached to a driving "
        "licence application."
    ),
}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def clean_languages(languages: object) -> tuple[str, ...]:
    """The receipt's languages in a fixed order; the default for anything unusable."""
    chosen = tuple(
        lang for lang in LANGUAGES if isinstance(languages, list | tuple) and lang in languages
    )
    return chosen or DEFAULT_LANGUAGES


class UnknownSize(ValueError):
    pass


@dataclass(frozen=True)
class ReceiptData:
    photo_id: str  # canonical, without the hyphen
    studio_name: str
    taken_at: dt.datetime
    customer_name: str = ""
    valid_until: dt.date | None = None
    languages: tuple[str, ...] = DEFAULT_LANGUAGES

    @property
    def display_id(self) -> str:
        return display(self.photo_id)

    @property
    def taken_at_text(self) -> str:
        return local_time_text(self.taken_at, self.languages)

    @property
    def valid_until_text(self) -> str:
        return date_text(self.valid_until, self.languages) if self.valid_until else ""

    @property
    def title(self) -> str:
        return " · ".join(TITLES[lang] for lang in self.languages)

    @property
    def labels(self) -> dict[str, str]:
        return {key: label(key, self.languages) for key in LABEL_TEXTS}

    @property
    def instructions(self) -> list[tuple[str, str]]:
        return [(lang, INSTRUCTIONS[lang]) for lang in self.languages]


def date_text(day: dt.date, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> str:
    """1.6.2027; 1 Jun 2027 on an English-only receipt."""
    if languages == ("en",):
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day}.{day.month}.{day.year}"


def local_time_text(moment: dt.datetime, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> str:
    """Helsinki time the Finnish way: 21.11.2026 14.05, with klo/kl. in one language."""
    local = moment.astimezone(HELSINKI)
    if languages == ("en",):
        return f"{date_text(local.date(), languages)}, {local:%H:%M}"
    word = {("fi",): "klo ", ("sv",): "kl. "}.get(tuple(languages), "")
    return f"{date_text(local.date())} {word}{local.hour}.{local:%M}"


def label(key: str, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> str:
    return " / ".join(LABEL_TEXTS[key][lang] for lang in languages)


def filename(photo_id: str, size: str = DEFAULT_SIZE) -> str:
    return f"kuvakuitti-{display(photo_id)}-{size}.pdf"


# --- barcode ----------------------------------------------------------------------------------


def barcode_modules(photo_id: str) -> list[tuple[int, int]]:
    """The bars of the Code 128 symbol (start, data, check and stop characters) as
    (start, width) in modules from the left edge of the quiet zone."""
    symbol = code128.Code128(photo_id, barWidth=1, quiet=False, humanReadable=False)
    symbol.validate()
    symbol.encode()
    symbol.decompose()
    # `decomposed` alternates bars (upper case) and spaces (lower case); the letter is the
    # element's width in modules (a=1 … d=4).
    bars, x = [], QUIET_MODULES
    for element in symbol.decomposed:
        width = ord(element.lower()) - ord("a") + 1
        if element.isupper():
            bars.append((x, width))
        x += width
    return bars


def barcode_svg(
    photo_id: str, label: str | None = None, module_px: int = 2, height_px: int = 64
) -> str:
    """An inline SVG of the photo ID's Code 128 barcode, white quiet zone included.
    With no `label` the SVG is hidden from screen readers (the ID is printed beside it)."""
    bars = barcode_modules(photo_id)
    last_start, last_width = bars[-1]
    total = last_start + last_width + QUIET_MODULES
    path = "".join(f"M{x} 0h{w}v{height_px}h-{w}z" for x, w in bars)
    a11y = (
        f'role="img" aria-label="{escape(label, {chr(34): "&quot;"})}"'
        if label
        else ('aria-hidden="true" focusable="false"')
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="barcode" {a11y} '
        f'width="{total * module_px}" height="{height_px}" '
        f'viewBox="0 0 {total} {height_px}" preserveAspectRatio="none" '
        f'shape-rendering="crispEdges">'
        f'<rect width="{total}" height="{height_px}" fill="#fff"/>'
        f'<path d="{path}" fill="#000"/></svg>'
    )


# --- PDF --------------------------------------------------------------------------------------


def receipt_pdf(data: ReceiptData, size: str = DEFAULT_SIZE) -> bytes:
    """The receipt as a one-page PDF of the given size ("10x15" or "80x72")."""
    if size not in SIZES:
        raise UnknownSize(size)
    # Long studio or customer names could push the receipt onto a second page: shrink
    # the type until it fits, as a receipt must stay one sheet.
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5):
        pdf, pages = _build(data, size, scale)
        if pages == 1:
            break
    return pdf


def _build(data: ReceiptData, size: str, scale: float) -> tuple[bytes, int]:
    width_mm, height_mm = SIZES[size]
    small = size == "80x72"
    margin = (4 if small else 8) * mm
    base = (6.6 if small else 9.5) * scale
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=(width_mm * mm, height_mm * mm),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin * 0.8,
        bottomMargin=margin * 0.8,
        title=f"{data.title} {data.display_id}",
        author=data.studio_name,
        subject=data.title,
    )
    doc.build(_story(data, base, width_mm * mm - 2 * margin, small))
    return buffer.getvalue(), doc.page


def _story(data: ReceiptData, base: float, frame_width: float, small: bool) -> list:
    styles = _styles(base)
    module = (0.3 if small else 0.4) * mm
    barcode = createBarcodeDrawing(
        "Code128",
        value=data.photo_id,
        barWidth=module,
        barHeight=(9 if small else 16) * mm,
        quiet=True,
        lquiet=QUIET_MODULES * module,
        rquiet=QUIET_MODULES * module,
        humanReadable=False,
    )
    barcode.hAlign = "CENTER"
    labels = data.labels
    rows = [
        (labels["studio"], data.studio_name),
        (labels["taken_at"], data.taken_at_text),
    ]
    if data.customer_name:
        rows.append((labels["customer"], data.customer_name))
    if data.valid_until:
        rows.append((labels["valid_until"], data.valid_until_text))
    table = Table(
        [
            [Paragraph(escape(k), styles["label"]), Paragraph(escape(v), styles["value"])]
            for k, v in rows
        ],
        colWidths=[frame_width * 0.46, frame_width * 0.54],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ]
        )
    )
    gap = base * (0.35 if small else 0.6)
    story = [
        Paragraph(escape(data.title), styles["title"]),
        Paragraph(escape(labels["photo_id"]), styles["centre_small"]),
        Paragraph(escape(data.display_id), styles["photo_id"]),
        Spacer(1, gap * 0.5),
        barcode,
        Spacer(1, gap),
        table,
    ]
    for _lang, text in data.instructions:
        story += [Spacer(1, gap * 0.6), Paragraph(escape(text), styles["text"])]
    return story


def _styles(base: float) -> dict[str, ParagraphStyle]:
    text = ParagraphStyle("text", fontName="Helvetica", fontSize=base, leading=base * 1.22)
    return {
        "text": text,
        "label": ParagraphStyle("label", parent=text, fontName="Helvetica-Bold"),
        "value": text,
        "title": ParagraphStyle(
            "title",
            parent=text,
            fontName="Helvetica-Bold",
            fontSize=base * 1.35,
            leading=base * 1.7,
            alignment=TA_CENTER,
        ),
        "centre_small": ParagraphStyle("centre_small", parent=text, alignment=TA_CENTER),
        "photo_id": ParagraphStyle(
            "photo_id",
            parent=text,
            fontName="Helvetica-Bold",
            fontSize=base * 2,
            leading=base * 2.5,
            alignment=TA_CENTER,
        ),
    }


def receipt_data(photo: Photo, show_name: bool = True) -> ReceiptData:
    """The receipt of a submitted photo; `show_name` False once the name may not be seen."""
    name = " ".join(p for p in (photo.first_names, photo.surname) if p) if show_name else ""
    ends = photo.retention_ends
    return ReceiptData(
        photo_id=photo.photo_id or "",
        studio_name=photo.account.studio_name or photo.account.name,
        taken_at=photo.taken_at,
        customer_name=name,
        valid_until=ends.astimezone(HELSINKI).date() if ends else None,
        languages=clean_languages(photo.receipt_languages),
    )
