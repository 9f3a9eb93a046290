"""The certificate that a residence-permit application is pending (vireilläolotodistus), as
a PDF for the kiosk's printer: in the customer's language and in Finnish."""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HELSINKI = ZoneInfo("Europe/Helsinki")
TEXTS = {
    "title": {
        "fi": "Todistus vireillä olevasta oleskelulupahakemuksesta",
        "sv": "Intyg om anhängig ansökan om uppehållstillstånd",
        "en": "Certificate of a pending residence permit application",
    },
    "body": {
        "fi": "Maahanmuuttovirasto todistaa, että alla mainitun henkilön oleskelulupahakemus "
        "on vireillä. Henkilöllisyys on tarkistettu matkustusasiakirjasta itsepalveluautomaatilla.",
        "sv": "Migrationsverket intygar att nedan nämnda persons ansökan om uppehållstillstånd "
        "är anhängig. Identiteten har kontrollerats mot resedokumentet i en "
        "självbetjäningsautomat.",
        "en": "The Finnish Immigration Service certifies that the residence permit application "
        "of the person named below is pending. Their identity was checked against their travel "
        "document at a self-service kiosk.",
    },
    "name": {"fi": "Nimi", "sv": "Namn", "en": "Name"},
    "birth": {"fi": "Syntymäaika", "sv": "Födelsedatum", "en": "Date of birth"},
    "nationality": {"fi": "Kansalaisuus", "sv": "Medborgarskap", "en": "Nationality"},
    "document": {"fi": "Matkustusasiakirja", "sv": "Resedokument", "en": "Travel document"},
    "photo_id": {"fi": "Kuvatunnus", "sv": "Bild-ID", "en": "Photo ID"},
    "case": {"fi": "Asiointikoodi", "sv": "Ärendekod", "en": "Case code"},
    "date": {"fi": "Päivämäärä", "sv": "Datum", "en": "Date"},
}
AUTHORITY = "Maahanmuuttovirasto · Migrationsverket · Finnish Immigration Service"


def _label(key: str, languages: tuple[str, ...]) -> str:
    return " / ".join(TEXTS[key][lang] for lang in languages)


def certificate_pdf(
    identity: dict, photo_id: str, case_code: str, lang: str, now: dt.datetime | None = None
) -> bytes:
    languages = tuple(dict.fromkeys([lang, "fi"]))
    now = (now or dt.datetime.now(dt.UTC)).astimezone(HELSINKI)
    styles = getSampleStyleSheet()
    story: list = [Paragraph(escape(AUTHORITY), styles["Normal"]), Spacer(1, 6 * mm)]
    for language in languages:
        story.append(Paragraph(escape(TEXTS["title"][language]), styles["Heading2"]))
        story.append(Paragraph(escape(TEXTS["body"][language]), styles["BodyText"]))
    born = identity.get("birth_date") or ""
    if born:
        born = dt.date.fromisoformat(born).strftime("%-d.%-m.%Y")
    rows = [
        (
            _label("name", languages),
            f"{identity.get('given_names', '')} {identity.get('surname', '')}",
        ),
        (_label("birth", languages), born),
        (_label("nationality", languages), identity.get("nationality", "")),
        (
            _label("document", languages),
            f"{identity.get('document_type', '')} {identity.get('document_number', '')}",
        ),
        (_label("photo_id", languages), photo_id),
        (_label("case", languages), case_code),
        (_label("date", languages), f"{now:%-d.%-m.%Y %H.%M}"),
    ]
    table = Table(
        [
            [Paragraph(escape(a), styles["Normal"]), Paragraph(escape(b), styles["Normal"])]
            for a, b in rows
        ],
        colWidths=(70 * mm, 95 * mm),
    )
    table.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, "#888888")]
        )
    )
    story += [Spacer(1, 6 * mm), table]
    out = io.BytesIO()
    SimpleDocTemplate(
        out, pagesize=A4, title=TEXTS["title"][languages[0]], author=AUTHORITY,
        leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm,
    ).build(story)  # fmt: skip
    return out.getvalue()
