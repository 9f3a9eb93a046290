"""The public studio directory: search by postal code, post office or municipality."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone
from factories import PrivateAccountFactory, StudioFactory, UserFactory

from luppa.accounts.models import Account
from luppa.directory.search import find_studios

pytestmark = pytest.mark.django_db


def account(name: str, **fields) -> Account:
    return PrivateAccountFactory(owner=UserFactory(username=name), name=name, **fields)


def studio(owner: Account, name: str, postal_code: str, post_office: str, municipality: str):
    return StudioFactory(
        account=owner,
        name=name,
        postal_code=postal_code,
        post_office=post_office,
        municipality=municipality,
    )


@pytest.fixture
def studios() -> None:
    a = account("Aalto", email="aalto@example.fi", phone="040 7654321")
    studio(a, "Keskustan Kuva", "00100", "Helsinki", "Helsinki")
    studio(a, "Aamukuva", "00530", "Helsinki", "Helsinki")
    studio(a, "Tapiolan Kuva", "02100", "Espoo", "Espoo")
    studio(a, "Kauklahden Kuva", "02780", "Espoo", "Espoo")
    studio(a, "Hämeen Kuva", "13100", "Hämeenlinna", "Hämeenlinna")
    studio(a, "Kyläkuva", "21500", "Piikkiö", "Kaarina")
    suspended = account("Huijari", suspended_at=timezone.now())
    studio(suspended, "Keskeytetty Kuva", "00100", "Helsinki", "Helsinki")


def names(client: Client, q: str) -> list[str]:
    response = client.get("/studios/", {"q": q})
    assert response.status_code == 200
    return re.findall(r'<th scope="row">([^<]+)</th>', response.content.decode())


def test_postal_code_prefix(client: Client, studios) -> None:
    assert names(client, "00") == ["Aamukuva", "Keskustan Kuva"]
    assert names(client, "021") == ["Tapiolan Kuva"]
    assert names(client, "00100") == ["Keskustan Kuva"]
    assert names(client, "99") == []


def test_part_of_a_name_in_any_case(client: Client, studios) -> None:
    assert names(client, "hels") == ["Aamukuva", "Keskustan Kuva"]
    assert names(client, "Espoo") == ["Kauklahden Kuva", "Tapiolan Kuva"]
    assert names(client, "HÄMEEN") == ["Hämeen Kuva"]
    assert names(client, "linna") == ["Hämeen Kuva"]


def test_municipality_and_post_office_both_count(client: Client, studios) -> None:
    assert names(client, "kaarina") == ["Kyläkuva"]
    assert names(client, "piikkiö") == ["Kyläkuva"]


def test_words_narrow_the_search(client: Client, studios) -> None:
    assert names(client, "00530 Helsinki") == ["Aamukuva"]
    assert names(client, "espoo, 027") == ["Kauklahden Kuva"]


def test_results_show_address_hours_and_phone(client: Client, studios) -> None:
    html = client.get("/studios/", {"q": "02100"}).content.decode()
    for text in ("Tapiolan Kuvakatu 1", "02100 Espoo", "ma–pe 9–17", 'href="tel:+358-9-1234567"'):
        assert text in html
    # Nothing about the account behind the studio.
    assert "aalto@example.fi" not in html and "7654321" not in html and "Aalto" not in html


def test_an_empty_search_shows_a_hint_not_the_list(client: Client, studios) -> None:
    for params in ({}, {"q": ""}, {"q": "   "}, {"q": ","}):
        response = client.get("/studios/", params)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Kirjoita hakukenttään" in html and "<table" not in html


def test_suspended_accounts_studios_are_not_listed(client: Client, studios) -> None:
    assert "Keskeytetty Kuva" not in names(client, "helsinki")


def test_no_results_is_said(client: Client, studios) -> None:
    html = client.get("/studios/", {"q": "Inari"}).content.decode()
    assert "ei löytynyt kuvaamoja" in html


def test_odd_input_never_fails(client: Client, studios) -> None:
    for q in ("%", "_", "(.*", "\\", "a" * 500, "' OR 1=1 --", "\x00"):
        assert client.get("/studios/", {"q": q}).status_code == 200, q
    assert client.post("/studios/", {"q": "x"}).status_code == 405
    assert names(client, "%") == []


def test_many_results_are_paged(client: Client) -> None:
    owner = account("Ketju")
    for i in range(60):
        studio(owner, f"Kuva {i:02d}", "33100", "Tampere", "Tampere")
    html = client.get("/studios/", {"q": "tampere"}).content.decode()
    assert len(re.findall(r'<th scope="row">', html)) == 50 and "60 kuvaamoa" in html
    assert 'href="?q=tampere&amp;page=2"' in html
    second = client.get("/studios/", {"q": "tampere", "page": "2"}).content.decode()
    assert len(re.findall(r'<th scope="row">', second)) == 10


def test_no_login_needed_and_the_page_is_accessible(client: Client, studios) -> None:
    html = client.get("/studios/").content.decode()
    assert re.search(
        r'<label for="id_q">Kuvaamon nimi, postinumero, postitoimipaikka tai kunta', html
    )
    assert 'role="search"' in html


def test_find_studios_directly(studios) -> None:
    assert find_studios("").count() == 0
    assert [s.name for s in find_studios("espoo")] == ["Kauklahden Kuva", "Tapiolan Kuva"]


# --- by name, in Swedish, phone numbers as entered ----------------------------------------------


def test_studio_is_found_by_its_name(client: Client, studios) -> None:
    assert names(client, "Tapiolan") == ["Tapiolan Kuva"]
    assert names(client, "aamuk") == ["Aamukuva"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Helsingfors", ["Aamukuva", "Keskustan Kuva"]),
        ("helsingf", ["Aamukuva", "Keskustan Kuva"]),
        ("Esbo", ["Kauklahden Kuva", "Tapiolan Kuva"]),
        ("Tavastehus", ["Hämeen Kuva"]),
        ("S:t Karins", ["Kyläkuva"]),
        ("Åbo", []),
    ],
)
def test_swedish_municipality_names_find_finnish_ones(client: Client, studios, query, expected):
    assert names(client, query) == expected


def test_a_studio_entered_with_a_swedish_name_is_found_in_finnish(client: Client) -> None:
    owner = account("Ateljé")
    studio(owner, "Fotoateljé Vasa", "65100", "Vasa", "Vasa")
    assert names(client, "Vaasa") == ["Fotoateljé Vasa"]


def test_phone_is_kept_as_entered_and_linked_with_the_country_code(client: Client) -> None:
    from luppa.accounts.forms import clean_phone

    assert clean_phone("+358 9 111 2222") == "+358 9 111 2222"
    assert clean_phone("040 123 4567") == "040 123 4567"
    assert clean_phone("+358911122222"[:-1]) == "+358 9 1112222"
    assert clean_phone("0401234567") == "040 1234567"
    owner = account("Puhelin")
    s = studio(owner, "Soittokuva", "00100", "Helsinki", "Helsinki")
    s.phone = clean_phone("+358 9 111 2222")
    s.save()
    html = client.get("/studios/", {"q": "Soitto"}).content.decode()
    assert '<a href="tel:+358-9-1112222">+358 9 111 2222</a>' in html
