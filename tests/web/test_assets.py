"""The styles' assets: served by the app itself, and the committed copies up to date."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "src" / "luppa" / "web" / "static" / "luppa" / "vendor"


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_assets", ROOT / "tools" / "build_assets.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_assets_match_the_npm_packages(tmp_path) -> None:
    builder = _builder()
    if not builder.TOKENS.is_dir() or not builder.FONTS.is_dir():
        pytest.skip("node_modules is absent (make assets)")
    builder.build(tmp_path)
    for made in tmp_path.rglob("*"):
        if made.is_file():
            committed = VENDOR / made.relative_to(tmp_path)
            assert committed.read_bytes() == made.read_bytes(), f"{committed}: run make vendor"


def test_tokens_and_licences_are_there() -> None:
    tokens = (VENDOR / "suomifi-tokens.css").read_text()
    assert "--fi-color-brand-base: hsl(214, 100%, 24%);" in tokens
    assert "--fi-spacing-m: 20px;" in tokens and "--fi-text-heading1-size: 40px;" in tokens
    assert "Open Font License" in (VENDOR / "LICENSE-source-sans-pro-OFL.txt").read_text()
    assert "MIT License" in (VENDOR / "LICENSE-suomifi-design-tokens.txt").read_text()


@pytest.mark.django_db
def test_pages_load_styles_and_fonts_from_the_app_only(client: Client) -> None:
    html = client.get("/login/").content.decode()
    for href in re.findall(r'<link[^>]+href="([^"]+)"', html) + re.findall(
        r'<script[^>]+src="([^"]+)"', html
    ):
        assert href.startswith("/static/"), href
        assert client.get(href).status_code == 200, href
    fonts = client.get("/static/luppa/vendor/fonts.css")
    css = b"".join(fonts.streaming_content).decode() if fonts.streaming else fonts.content.decode()
    files = re.findall(r"url\((fonts/[^)]+\.woff2)\)", css)
    assert len(files) == 6  # latin and latin-ext × 400, 600, 700
    for name in files:
        response = client.get(f"/static/luppa/vendor/{name}")
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body[:4] == b"wOF2"
    assert "http" not in css
