"""The passport photo guide, the user manual and the feedback page: open to everyone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from webtools import PIA, force_login_private

pytestmark = pytest.mark.django_db

PAGES = ["/guide/", "/manual/", "/feedback/"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_work_without_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html and 'class="tabs"' not in html


@pytest.mark.parametrize("url", PAGES)
def test_pages_show_the_tabs_when_logged_in(client: Client, url: str) -> None:
    force_login_private(client, PIA)
    html = client.get(url).content.decode()
    assert 'class="tabs"' in html and "Passikuvaohje" in html


def test_guide_has_every_section_and_the_electronic_numbers(client: Client) -> None:
    html = client.get("/guide/").content.decode()
    for section in range(1, 11):
        assert f'id="s{section}"' in html and f"{section} §" in html
    for number in ("500 pikseliä", "653 pikseliä", "21 pikseliä", "445", "56", "84", "96", "124"):
        assert number in html
    assert "250 kilotavua" in html and "JPEG" in html and "pakkaamisesta" in html
    assert "terveydellisistä tai lääketieteellisistä" in html


def test_guide_illustration_is_served_by_the_app(client: Client) -> None:
    html = client.get("/guide/").content.decode()
    src = re.search(r'<img src="([^"]*guide-lines[^"]*\.svg)"[^>]*alt="([^"]+)"', html, re.S)
    assert src, "the guide-line picture with a text alternative"
    assert not src.group(1).startswith("http")
    path = finders.find("luppa/guide-lines.svg")
    assert path
    svg = ET.parse(path).getroot()
    assert svg.get("viewBox") == "0 0 500 653"
    rects = {
        (r.get("x"), r.get("y"), r.get("width"), r.get("height"))
        for r in svg.iter("{http://www.w3.org/2000/svg}rect")
    }
    assert ("0", "56", "500", "28") in rects  # crown band 56–84 px from the top
    assert ("0", "529", "500", "28") in rects  # chin band 96–124 px from the bottom
    assert ("229", "0", "42", "653") in rects  # centre band 250 ± 21 px
    labels = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    for label in ("56–84 px", "96–124 px", "±21 px"):
        assert label in labels


def test_the_svg_is_served_as_a_static_file(client: Client) -> None:
    html = client.get("/guide/").content.decode()
    src = re.search(r'<img src="([^"]*guide-lines[^"]*\.svg)"', html).group(1)
    response = client.get(src)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"<svg" in body


def test_manual_covers_the_service(client: Client) -> None:
    html = client.get("/manual/").content.decode()
    for topic in (
        "Suomi.fi",
        "Ohjattu kuvansyöttö",
        "Edistynyt kuvansyöttö",
        "Kuvakuitti",
        "80 × 72 mm",
        "Lähetetyt kuvat",
        "viikon",
        "kuusi kuukautta",
        "Omat tiedot",
        "Kuvaamoluettelo",
        "Ajokorttihakemukseen kuvaa ei voi liittää",
    ):
        assert topic in html, topic
    assert 'href="/studios/"' in html


def test_feedback_shows_the_configured_address(client: Client, settings) -> None:
    settings.FEEDBACK_EMAIL = "kuvapalaute@poliisi.invalid"
    html = client.get("/feedback/").content.decode()
    assert 'href="mailto:kuvapalaute@poliisi.invalid?subject=' in html
    assert "henkilötunnuksia" in html and "kuvatunnus" in html
