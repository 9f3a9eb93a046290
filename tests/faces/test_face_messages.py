"""The face comparison's texts: the faces package's own gettext catalogues (faces.po), read
without Django, the same texts on the officer's page and on the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from catalogtools import assert_every_language_complete, stale_keys
from django.utils import translation

from luppa.faces import messages
from luppa.quality.catalogue import LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_mo_is_compiled_from_the_current_po(lang: str) -> None:
    stale = stale_keys(messages.LOCALE_DIR, messages.DOMAIN, lang)
    assert not stale, f"recompile faces.mo for {lang} (msgfmt): {stale[:5]}"


def test_every_key_in_every_language_with_the_same_placeholders() -> None:
    assert_every_language_complete(messages.LOCALE_DIR, messages.DOMAIN)


def test_the_texts_need_no_web_framework() -> None:
    code = (
        "import sys; from luppa.faces.messages import concerns_text, render; "
        "print(render('verdict.same', 'sv')); print(concerns_text(['pose.straight'], 'en')); "
        "assert 'django' not in sys.modules"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "samma person",
        "The comparison is less reliable: the head is not turned straight to the camera.",
    ]


def test_unknown_keys_and_languages() -> None:
    assert messages.render("verdict.cannot", "de") == "ei voida verrata"  # Finnish by default
    assert messages.concern("occlusion.mouth", "sv") == "ansiktet är delvis skymt"
    assert messages.concern("something.new", "en") == "the face is partly covered"
    assert messages.render("error.empty", "en") == "The file is empty (0 bytes)."


def test_the_officer_page_reads_the_same_catalogue() -> None:
    from luppa.officer.similarity import CANNOT, Verdict

    verdict = Verdict(CANNOT, concerns=("faces.no_embedding", "accessories.glasses"))
    for lang in LANGUAGES:
        with translation.override(lang):
            assert verdict.label == messages.render("verdict.cannot", lang)
            assert verdict.concern_labels == [
                messages.render("faces.no_embedding", lang),
                messages.render("accessories.glasses", lang),
            ]
    with translation.override("sv"):
        assert verdict.concern_labels[1] == "glasögonen skymmer ögonen"
