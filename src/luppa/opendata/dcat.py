"""The DCAT-AP description of the open data, in Turtle, for avoindata.fi's CKAN harvester
(ckanext-dcat reads Turtle). Titles and descriptions in Finnish, Swedish and English."""

from __future__ import annotations

from dataclasses import dataclass

LICENSE = "http://creativecommons.org/licenses/by/4.0/"
PUBLISHER = "Poliisihallitus"
PUBLISHER_EN = "National Police Board"
FORMATS = {
    "csv": ("http://publications.europa.eu/resource/authority/file-type/CSV", "text/csv"),
    "json": ("http://publications.europa.eu/resource/authority/file-type/JSON",
             "application/json"),
}  # fmt: skip
MONTHLY = "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
DAILY = "http://publications.europa.eu/resource/authority/frequency/DAILY"


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: dict[str, str]
    description: dict[str, str]
    keywords: dict[str, list[str]]
    periodicity: str
    files: tuple[str, ...]  # file names under /open-data/


DATASETS = (
    Dataset(
        "studios",
        {"fi": "Valokuvaamot, jotka lähettävät passikuvia sähköisesti",
         "sv": "Fotoateljéer som skickar passfoton elektroniskt",
         "en": "Photo studios that submit passport photos electronically"},
        {"fi": "Poliisin valokuvapalvelimen julkinen kuvaamohakemisto: nimi, osoite, "
               "aukioloajat ja puhelinnumero.",
         "sv": "Den offentliga ateljékatalogen i polisens fotoserver: namn, adress, "
               "öppettider och telefonnummer.",
         "en": "The public studio directory of the police's photo server: name, address, "
               "opening hours and phone number."},
        {"fi": ["passikuva", "valokuvaamo"], "sv": ["passfoto", "fotoateljé"],
         "en": ["passport photo", "photo studio"]},
        DAILY,
        ("studios.csv", "studios.json"),
    ),
    Dataset(
        "statistics",
        {"fi": "Sähköisesti lähetettyjen lupakuvien kuukausitilastot",
         "sv": "Månadsstatistik över elektroniskt skickade tillståndsfoton",
         "en": "Monthly statistics of permit photos submitted electronically"},
        {"fi": "Lähetetyt, hyväksytyt ja hylätyt kuvat sekä hylkäysperusteet kuukausittain. "
               "Anonymisoitu: kuvaamo nimetään vain, jos se on yritys ja lähetti kuukaudessa "
               "vähintään 10 kuvaa.",
         "sv": "Skickade, godkända och underkända foton samt grunderna för underkännande per "
               "månad. Anonymiserad: en ateljé namnges endast om den är ett företag och "
               "skickade minst 10 foton under månaden.",
         "en": "Photos submitted, approved and rejected, and the reasons for rejection, per "
               "month. Anonymised: a studio is named only when it is a company that "
               "submitted at least 10 photos in the month."},
        {"fi": ["passikuva", "tilasto"], "sv": ["passfoto", "statistik"],
         "en": ["passport photo", "statistics"]},
        MONTHLY,
        ("statistics.csv", "statistics.json"),
    ),
)  # fmt: skip


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _texts(predicate: str, texts: dict[str, str]) -> list[str]:
    return [f"    {predicate} {_literal(t)}@{lang} ;" for lang, t in texts.items()]


def turtle(base: str, modified: str) -> str:
    """The catalogue; `base` is the absolute URL of /open-data/ (ending in a slash)."""
    out = [
        "@prefix dcat: <http://www.w3.org/ns/dcat#> .",
        "@prefix dct: <http://purl.org/dc/terms/> .",
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "",
        f"<{base}#publisher> a foaf:Agent ;",
        f"    foaf:name {_literal(PUBLISHER)}@fi , {_literal(PUBLISHER_EN)}@en .",
        "",
        f"<{base}catalog> a dcat:Catalog ;",
        *_texts(
            "dct:title",
            {"fi": "Luppa – avoin data", "sv": "Luppa – öppna data", "en": "Luppa – open data"},
        ),
        *_texts(
            "dct:description",
            {
                "fi": "Poliisin valokuvapalvelimen avoimet tietoaineistot.",
                "sv": "Öppna datamängder från polisens fotoserver.",
                "en": "Open data sets of the police's permit photo server.",
            },
        ),
        f"    dct:publisher <{base}#publisher> ;",
        f"    foaf:homepage <{base}> ;",
        f'    dct:modified "{modified}"^^xsd:date ;',
        "    dcat:dataset " + " , ".join(f"<{base}{d.slug}>" for d in DATASETS) + " .",
    ]
    for dataset in DATASETS:
        out += [
            "",
            f"<{base}{dataset.slug}> a dcat:Dataset ;",
            *_texts("dct:title", dataset.title),
            *_texts("dct:description", dataset.description),
            *[
                f"    dcat:keyword {_literal(k)}@{lang} ;"
                for lang, words in dataset.keywords.items()
                for k in words
            ],
            f"    dct:publisher <{base}#publisher> ;",
            f"    dct:accrualPeriodicity <{dataset.periodicity}> ;",
            f'    dct:modified "{modified}"^^xsd:date ;',
            f"    dcat:landingPage <{base}> ;",
            "    dcat:distribution "
            + " , ".join(f"<{base}{name}>" for name in dataset.files)
            + " .",
        ]
        for name in dataset.files:
            kind = name.rsplit(".", 1)[1]
            title = dataset.title["en"]
            file_type, media_type = FORMATS[kind]
            out += [
                "",
                f"<{base}{name}> a dcat:Distribution ;",
                f"    dct:title {_literal(title + ' (' + kind.upper() + ')')}@en ;",
                f"    dcat:accessURL <{base}> ;",
                f"    dcat:downloadURL <{base}{name}> ;",
                f"    dct:format <{file_type}> ;",
                f'    dcat:mediaType "{media_type}" ;',
                f"    dct:license <{LICENSE}> .",
            ]
    return "\n".join(out) + "\n"
