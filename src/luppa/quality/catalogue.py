"""A package's own gettext catalogue read without Django: every key with its text in Finnish,
Swedish and English.

The pure image packages (quality, faces) keep their user-facing texts in gettext catalogues
of their own domain, `locale/<lang>/LC_MESSAGES/<domain>.po` compiled to `<domain>.mo`
beside it, whose msgids are keys ("pose.straight"), not source texts. The web pages, the API,
the kiosk and the command line all render those texts through one of these catalogues.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

LANGUAGES = ("fi", "sv", "en")


def _texts(domain: str, locale_dir: Path, lang: str) -> dict[str, str]:
    translation = gettext.translation(domain, locale_dir, languages=[lang])
    # GNUTranslations keeps the catalogue as a dict; its header has the empty msgid.
    return {k: v for k, v in translation._catalog.items() if isinstance(k, str) and k}


def read(domain: str, locale_dir: Path) -> Mapping[str, tuple[str, str, str]]:
    """key: (fi, sv, en). Finnish is complete; a key missing in sv or en falls back to it."""
    fi, sv, en = (_texts(domain, locale_dir, lang) for lang in LANGUAGES)
    return MappingProxyType(
        {key: (fi[key], sv.get(key, fi[key]), en.get(key, fi[key])) for key in fi}
    )


def column(lang: str) -> int:
    """The tuple index of `lang`; Finnish for a language the catalogues do not have."""
    return LANGUAGES.index(lang) if lang in LANGUAGES else 0
