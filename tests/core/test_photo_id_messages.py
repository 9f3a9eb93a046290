"""Issue 7, defect 6: a character no photo ID uses is named, with its look-alikes."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation
from webtools import force_login_officer

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
