"""Checks shared by the gettext catalogues that work without Django (quality.po, faces.po):
the compiled .mo matches the .po, and every language has every key with the same
placeholders."""

from __future__ import annotations

import ast
import gettext
import string
from pathlib import Path

from luppa.quality.catalogue import LANGUAGES


def read_po(locale_dir: Path, domain: str, lang: str) -> dict[str, str]:
    """msgid -> msgstr of <locale_dir>/<lang>/LC_MESSAGES/<domain>.po (one-line entries)."""
    entries, msgid = {}, None
    path = Path(locale_dir) / lang / "LC_MESSAGES" / f"{domain}.po"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            msgid = ast.literal_eval(line[6:])
        elif line.startswith("msgstr ") and msgid:
            entries[msgid] = ast.literal_eval(line[7:])
    return entries


def stale_keys(locale_dir: Path, domain: str, lang: str) -> list[str]:
    """Keys whose compiled text differs from the .po: the .mo needs recompiling (msgfmt)."""
    compiled = gettext.translation(domain, locale_dir, languages=[lang])
    po = read_po(locale_dir, domain, lang)
    assert po, f"empty catalogue {domain}/{lang}"
    return [key for key, text in po.items() if compiled.gettext(key) != text]


def assert_every_language_complete(locale_dir: Path, domain: str) -> None:
    """The same keys in every language, each with the same placeholders."""
    catalogues = [read_po(locale_dir, domain, lang) for lang in LANGUAGES]
    assert all(set(c) == set(catalogues[0]) for c in catalogues), domain
    fields = string.Formatter()
    for key in catalogues[0]:
        names = [sorted(f for _, f, _, _ in fields.parse(c[key]) if f) for c in catalogues]
        assert all(n == names[0] for n in names), key
