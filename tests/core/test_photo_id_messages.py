"""Issue 7, defect 6: a character no photo ID uses is named, with its look-alikes."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation
from webtools import PIA, force_login_officer, force_login_private

from luppa.core import photo_id


def error_for(value: str) -> photo_id.InvalidPhotoId:
    with pytest.raises(photo_id.InvalidPhotoId) as caught:
        photo_id.normalise(value)
    return caught.value


@pytest.mark.parametrize(
    ("typed", "char", "group", "position"),
    [
        ("4TQKG-QTTAB", "B", "8/B", 10),
        ("0TQKG-QTTAG", "0", "0/O", 1),
        ("4tqkg-qttal", "L", "1/I/L", 10),
    ],
)
def test_the_unused_character_and_its_look_alikes_are_named(typed, char, group, position) -> None:
    error = error_for(typed)
    assert (error.character, error.position, error.typo) == (char, position, False)
    with translation.override("fi"):
        text = photo_id.explain(error)
    assert f"{position}. merkki on ”{char}”" in text and group in text
    assert "10 merkkiä" not in text


def test_the_message_is_translated() -> None:
    error = error_for("4TQKG-QTTAB")
    with translation.override("sv"):
        assert "”B”" in photo_id.explain(error) and "8/B" in photo_id.explain(error)
    with translation.override("en"):
        assert "”B”" in photo_id.explain(error) and "8/B" in photo_id.explain(error)


def test_a_wrong_length_says_how_many_were_typed() -> None:
    with translation.override("fi"):
        assert "annoit 4 merkkiä" in photo_id.explain(error_for("ACD3"))


def test_other_characters_are_named_too() -> None:
    with translation.override("fi"):
        assert "”Ä”" in photo_id.explain(error_for("ÄTQKG-QTTAG"))


@pytest.mark.django_db
def test_the_officer_search_names_the_character(client: Client) -> None:
    force_login_officer(client)
    response = client.post("/officer/search/", {"by": "photo_id", "id-photo_id": "4TQKG-QTTAB"})
    html = response.content.decode()
    assert response.status_code == 400 and "”B”" in html and "8/B" in html


def _typo() -> str:
    """A real-looking photo ID with a wrong check character."""
    good = photo_id.generate()
    return good[:9] + next(c for c in photo_id.ALPHABET if c != good[9])


TYPO_TEXT = {
    "fi": "Kuvatunnuksen tarkiste ei täsmää – tarkista tunnus",
    "sv": "Bild-ID:ts kontrolltecken stämmer inte – kontrollera ID:t",
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_typo_is_told_in_the_pages_language(client: Client, lang: str) -> None:
    """The photographer's sent photos and the officer's search: the same text, translated."""
    force_login_private(client, PIA)
    client.cookies["django_language"] = lang
    response = client.get("/photos/sent/", {"photo_id": _typo()}, HTTP_ACCEPT_LANGUAGE=lang)
    page = response.content.decode()
    assert TYPO_TEXT[lang] in page and "check character" not in page

    officer = Client()
    force_login_officer(officer)
    officer.cookies["django_language"] = lang
    response = officer.post(
        "/officer/search/", {"by": "photo_id", "id-photo_id": _typo()}, HTTP_ACCEPT_LANGUAGE=lang
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert TYPO_TEXT[lang] in page and "check character" not in page


def test_every_reason_is_a_refusal_with_a_code_and_stays_english_for_machines() -> None:
    """X-Road's fault detail and the logs keep the fixed English text; people get the code's
    text (core.refusals)."""
    cases = {
        _typo(): ("photo_id.typo", "check character mismatch"),
        "4TQKG-QTTAB": ("photo_id.look_alike", "character 'B' at position 10 is not used"),
        "ÄTQKG-QTTAG": ("photo_id.character", "character 'Ä' at position 1 is not used"),
        "ACD3": ("photo_id.length", "a photo ID has 10 characters, not 4"),
    }
    for typed, (code, detail) in cases.items():
        error = error_for(typed)
        assert error.code == code and error.field == "photo_id"
        assert str(error).startswith(detail)
        assert isinstance(error, ValueError)
        with translation.override("sv"):
            assert "photo" not in photo_id.explain(error)
