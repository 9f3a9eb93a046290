"""User-facing texts of the checks in Finnish, Swedish and English.

The texts live in the quality package's own gettext catalogues,
`locale/<lang>/LC_MESSAGES/quality.po` (compiled to `quality.mo` beside it), read here with
Python's gettext: no web framework needed, and the web layer shows the same texts through
render(). A msgid is a key: "<check id>.<outcome>" (what is wrong and how to fix it),
"<check id>.title", "<check id>.limit" (only for a limit that is no number), "common.*"
for outcomes shared by many checks, "error.*" for inputs that cannot be read at all,
"frame.*" for `luppa frame`, "term.*" for words inside messages, "value.*" for the names of
measured values, "unit.*" for a number of a unit ("{n} %"), "reading.*" for values stored
as words, and "limit_phrase.NN" for the English limit texts of reports stored before limits
were structured. Numbers, units and limits are put together in quality.definition. After
editing a .po file, recompile:

    for l in fi sv en; do msgfmt -o src/luppa/quality/locale/$l/LC_MESSAGES/quality.mo \
        src/luppa/quality/locale/$l/LC_MESSAGES/quality.po; done
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import catalogue
from .catalogue import LANGUAGES

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "quality"

# key: (fi, sv, en), read once from the catalogues.
MESSAGES: Mapping[str, tuple[str, str, str]] = catalogue.read(DOMAIN, LOCALE_DIR)


def _prefixed(prefix: str) -> dict[str, tuple[str, str, str]]:
    return {k.removeprefix(prefix): v for k, v in MESSAGES.items() if k.startswith(prefix)}


# Words that appear inside messages as parameters (tuples of these keys are joined).
TERMS = _prefixed("term.")
# (en, fi, sv) of each phrase of the English limit texts stored in older reports.
_LIMIT_PHRASES = tuple(
    (en, fi, sv) for _k, (fi, sv, en) in sorted(_prefixed("limit_phrase.").items())
)


def has_message(key: str) -> bool:
    return key in MESSAGES


def _format(value: Any, lang: str) -> Any:
    if isinstance(value, tuple):
        index = LANGUAGES.index(lang)
        return ", ".join(TERMS[v][index] if v in TERMS else str(v) for v in value)
    if isinstance(value, float):
        text = f"{value:.1f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if lang in ("fi", "sv") else text
    return value


def render(key: str, lang: str, params: dict[str, Any] | None = None) -> str:
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    text = MESSAGES[key][index]
    values = {k: _format(v, lang) for k, v in (params or {}).items()}
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


def localise_limit(text: str, lang: str) -> str:
    """A stored English limit text in `lang` (the English original for "en" or unknown
    texts): reports saved before limits were structured read right in any language."""
    if lang not in ("fi", "sv") or not text:
        return text
    column = 1 if lang == "fi" else 2
    for phrase in _LIMIT_PHRASES:
        text = text.replace(phrase[0], phrase[column])
    # Decimal comma, and a space before the per cent sign, as both languages write them.
    text = re.sub(r"(\d)\.(\d)", r"\1,\2", text)
    return re.sub(r"(\d)%", r"\1 %", text)
