"""Texts of the comparison's reasons and verdicts in Finnish, Swedish and English.

The texts live in the faces package's own gettext catalogues,
`locale/<lang>/LC_MESSAGES/faces.po` (compiled to `faces.mo` beside it), read with Python's
gettext through luppa.quality.catalogue, as the quality package reads its own: no web
framework needed, and the officer's pages and the command line render the same texts.
luppa.quality's catalogue renders the "error.*" keys of unreadable files. After editing a
.po file, recompile:

    for l in fi sv en; do msgfmt -o src/luppa/faces/locale/$l/LC_MESSAGES/faces.mo \
        src/luppa/faces/locale/$l/LC_MESSAGES/faces.po; done
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..quality import catalogue
from ..quality.messages import render as render_quality

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "faces"

# key: (fi, sv, en), read once from the catalogues.
MESSAGES: Mapping[str, tuple[str, str, str]] = catalogue.read(DOMAIN, LOCALE_DIR)


def render(key: str, lang: str = "fi", params: dict[str, Any] | None = None) -> str:
    texts = MESSAGES.get(key)
    if texts is None:
        if key.startswith("error."):
            return render_quality(key, lang, params or {})
        texts = MESSAGES["occlusion"] if key.startswith("occlusion.") else (key, key, key)
    return texts[catalogue.column(lang)].format(**(params or {}))


def concern(key: str, lang: str = "fi") -> str:
    """What makes a comparison less reliable, in a few words; a concern this catalogue does
    not name is an occlusion of some part of the face."""
    return render(key if key in MESSAGES else "occlusion", lang)


def concerns_text(concerns: Iterable[str], lang: str = "fi") -> str:
    return render(
        "verdict.less_reliable", lang, {"reasons": ", ".join(concern(c, lang) for c in concerns)}
    )
