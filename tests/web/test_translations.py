"""The Swedish and English catalogues: complete, compiled, and used when chosen in the UI.

Nothing here needs the gettext tools: the .po files are read by polib when it is installed
and otherwise by the small reader below, and the committed .mo files are read by the
standard library's gettext module.
"""

from __future__ import annotations

import ast
import gettext
import re
import struct
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client

from luppa.accounts.models import Account, User
from luppa.directory.models import Studio

try:
    import polib
except ImportError:  # not a dependency; the reader below is used instead
    polib = None

LOCALE = Path(__file__).resolve().parents[2] / "src" / "luppa" / "locale"
LANGUAGES = ("sv", "en")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@dataclass(frozen=True)
class Entry:
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None
    msgstr: tuple[str, ...]  # one form, or one per plural form
    flags: frozenset[str]


def _po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "django.po"


def _read_po_polib(path: Path) -> list[Entry]:
    po = polib.pofile(str(path))
    header = po.metadata_as_entry()
    flags = {"fuzzy"} if po.metadata_is_fuzzy else set()
    entries = [Entry(None, "", None, (header.msgstr,), frozenset(flags))]
    for e in po:
        if e.obsolete:
            continue
        if e.msgid_plural:
            forms = tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural))
        else:
            forms = (e.msgstr,)
        entries.append(Entry(e.msgctxt, e.msgid, e.msgid_plural or None, forms, frozenset(e.flags)))
    return entries


def _read_po_plain(path: Path) -> list[Entry]:
    """Enough of the PO format for these files: flags, msgctxt, plurals, continued strings."""
    entries: list[Entry] = []
    fields: dict = {}
    flags: set[str] = set()
    last = None

    def flush() -> None:
        nonlocal fields, flags, last
        if "msgid" in fields:
            forms = sorted(k for k in fields if k.startswith("msgstr"))
            entries.append(
                Entry(
                    fields.get("msgctxt"),
                    fields["msgid"],
                    fields.get("msgid_plural"),
                    tuple(fields[k] for k in forms),
                    frozenset(flags),
                )
            )
        fields, flags, last = {}, set(), None

    keyword = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$")
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#~"):  # obsolete entries are not compiled
            continue
        if not line or line.startswith("#"):
            if "msgstr" in str(last):
                flush()
            if line.startswith("#,"):
                flags.update(f.strip() for f in line[2:].split(","))
            continue
        match = keyword.match(line)
        if match:
            if match.group(1) in ("msgctxt", "msgid") and "msgstr" in str(last):
                flush()
            last = match.group(1)
            fields[last] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and last:
            fields[last] += ast.literal_eval(line)
        else:
            raise ValueError(f"{path}: cannot read {line!r}")
    flush()
    return entries


def read_po(lang: str) -> list[Entry]:
    path = _po_path(lang)
    return _read_po_polib(path) if polib else _read_po_plain(path)


def messages(lang: str) -> list[Entry]:
    return [e for e in read_po(lang) if e.msgid]  # without the header


# --- (a) complete catalogues -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_has_messages(lang: str) -> None:
    assert len(messages(lang)) > 100
    header = next(e for e in read_po(lang) if not e.msgid)
    assert "fuzzy" not in header.flags, "a fuzzy header is left out of the .mo"
    assert f"Language: {lang}" in header.msgstr[0]
    assert "nplurals=2; plural=(n != 1);" in header.msgstr[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(lang: str) -> None:
    untranslated = [e.msgid for e in messages(lang) if not all(s.strip() for s in e.msgstr)]
    fuzzy = [e.msgid for e in messages(lang) if "fuzzy" in e.flags]
    assert not untranslated, f"{len(untranslated)} untranslated in {lang}: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {lang}: {fuzzy[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_placeholders_and_plural_forms(lang: str) -> None:
    for e in messages(lang):
        if e.msgid_plural:
            assert len(e.msgstr) == 2, e.msgid
            sources = (e.msgid, e.msgid_plural)
        else:
            assert len(e.msgstr) == 1, e.msgid
            sources = (e.msgid,)
        for i, translation in enumerate(e.msgstr):
            source = sources[min(i, len(sources) - 1)]
            expected = sorted(PLACEHOLDER.findall(source))
            assert sorted(PLACEHOLDER.findall(translation)) == expected, (e.msgid, translation)


# --- (c) the committed .mo files match the .po files -----------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mo_file_is_compiled_from_the_current_po_file(lang: str) -> None:
    mo = _po_path(lang).with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: run compilemessages"
    data = mo.read_bytes()
    magic, _revision, count = struct.unpack("<3I", data[:12])
    if magic != 0x950412DE:  # big-endian file
        _magic, _revision, count = struct.unpack(">3I", data[:12])
    with mo.open("rb") as f:
        catalogue = gettext.GNUTranslations(f)

    entries = messages(lang)
    assert count == len(entries) + 1, "message count differs (+1 for the header): recompile"
    stale = []
    for e in entries:
        if e.msgid_plural:
            got = tuple(
                catalogue.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n)
                if e.msgctxt
                else catalogue.ngettext(e.msgid, e.msgid_plural, n)
                for n in (1, 2)
            )
        else:
            got = (
                catalogue.pgettext(e.msgctxt, e.msgid) if e.msgctxt else catalogue.gettext(e.msgid),
            )
        if got != e.msgstr:
            stale.append(e.msgid)
    assert not stale, f"{mo} is out of date for {len(stale)} messages: {stale[:3]}; recompile"


# --- (b) pages in the language chosen with the switcher -----------------------------------------

PAGES = {
    "/login/": {
        "fi": ["Kirjaudu valokuvapalveluun", "Tunnistaudu", "Lupahallinnon valokuvapalvelu"],
        "sv": [
            "Logga in på fototjänsten",
            "Identifiera dig",
            "Tillståndsförvaltningens fototjänst",
        ],
        "en": [
            "Log in to the photo service",
            "Identify yourself",
            "Permit administration photo service",
        ],
    },
    "/studios/": {
        "fi": ["Kuvaamoluettelo", "Hae kuvaamoja", "Mihin hakemuksiin kuvan voi liittää?"],
        "sv": [
            "Förteckning över fotoateljéer",
            "Sök fotoateljéer",
            "Till vilka ansökningar kan fotot bifogas?",
        ],
        "en": [
            "Photo studio directory",
            "Search studios",
            "Which applications can the photo be attached to?",
        ],
    },
}


def choose_language(client: Client, lang: str, next_url: str):
    """Press the language button as the header's form does; follow to the page."""
    return client.post("/i18n/setlang/", {"language": lang, "next": next_url}, follow=True)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_is_shown_in_the_chosen_language(client: Client, url: str, lang: str) -> None:
    finnish = client.get(url).content.decode()
    assert all(text in finnish for text in PAGES[url]["fi"]), "Finnish is the default"

    response = choose_language(client, lang, url)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == url
    page = response.content.decode()
    assert f'<html lang="{lang}">' in page
    for text in PAGES[url][lang]:
        assert text in page
    for text in PAGES[url]["fi"]:
        assert text not in page
    # The choice sticks for the next page.
    assert PAGES[url][lang][0] in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("sv", "Sökningen ”Espoo” gav 1 fotoateljé.", "Sökningen ”Espoo” gav 2 fotoateljéer."),
        ("en", "1 studio found for “Espoo”.", "2 studios found for “Espoo”."),
    ],
)
def test_studio_search_result_uses_plural_forms(
    client: Client, lang: str, one: str, two: str
) -> None:
    owner = User.objects.create(username="kuvaaja")
    account = Account.objects.create(kind="person", name="K", owner=owner, studio_name="K")

    def add(name: str) -> None:
        Studio.objects.create(
            account=account,
            name=name,
            street_address="Tapiontori 1",
            postal_code="02100",
            post_office="Espoo",
            municipality="Espoo",
        )

    choose_language(client, lang, "/studios/")
    add("Tapiolan Kuva")
    assert one in client.get("/studios/", {"q": "Espoo"}).content.decode()
    add("Toinen Kuva")
    page = client.get("/studios/", {"q": "Espoo"}).content.decode()
    assert two in page
    assert "kuvaamoa" not in page
