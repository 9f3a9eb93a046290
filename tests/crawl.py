"""Walking every page a role can reach by following links, for the page-quality tests.

The crawl starts from a role's start page and follows every same-site link (GET only, so it
never changes anything), visiting a few URLs of each route (one photo's page is like
another's). What a page must not show is checked here; the browser test adds axe-core.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.urls import Resolver404, resolve
from webtools import (
    AILA,
    KALLE,
    KUVAAMO,
    LIISA,
    MIKAEL,
    OUTI,
    PIA,
    force_login_company,
    force_login_officer,
    force_login_private,
)

# Template syntax that leaked into what a reader sees.
TEMPLATE_SYNTAX = re.compile(r"\{#|#\}|\{\{|\}\}|\{%|%\}")
# Errors are one summary alert per page; a list is never an alert itself (axe: listitem).
LIST_ALERT = re.compile(r"<[uo]l[^>]*role=\"alert\"")
# Responses that are files rather than pages: fetched for their status only.
FILE_PATHS = re.compile(r"\.(jpg|pdf|csv|json|svg|png|css|js|woff2?)$")
PER_ROUTE = 2


@dataclass(frozen=True)
class Role:
    name: str
    start: str
    log_in: Callable[[object], None]


def _private(client: object) -> None:
    force_login_private(client, PIA)


def _company(client: object) -> None:
    force_login_company(client, LIISA, KUVAAMO, main=False)


def _company_main(client: object) -> None:
    force_login_company(client, KALLE, KUVAAMO)


def _police(client: object) -> None:
    force_login_officer(client, OUTI)


def _migri(client: object) -> None:
    force_login_officer(client, MIKAEL, organisation="migri")


def _admin(client: object) -> None:
    force_login_officer(client, AILA, role="admin")


ROLES = (
    Role("anonymous", "/", lambda client: None),
    Role("private photographer", "/", _private),
    Role("company photographer", "/", _company),
    Role("officer police", "/", _police),
    Role("officer migri", "/", _migri),
    Role("administrator", "/", _admin),
)
# Pages reached through forms rather than links, visited as well.
EXTRA = {
    "anonymous": ["/login/", "/studios/?q=Helsinki", "/guide/", "/manual/"],
    "officer police": ["/officer/search/?hetu=131052-308T"],
    "administrator": ["/officer/search/?hetu=131052-308T", "/reports/service/?period=year"],
}


class _Page(HTMLParser):
    """The visible text (outside script and style) and the links of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        pass  # HTML comments are not shown


def visible_text_and_links(html: str) -> tuple[str, list[str]]:
    parser = _Page()
    parser.feed(html)
    return " ".join(parser.text), parser.links


def route_of(path: str) -> str:
    try:
        return resolve(path).route
    except Resolver404:
        return path


def local(href: str, base: str) -> str | None:
    """The site-relative path with query of a link, or None for other sites and schemes."""
    url = urljoin(base, urldefrag(href)[0])
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "") or (parts.netloc and parts.netloc != "testserver"):
        return None
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class CrawlResult:
    pages: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def crawl(client: object, role: Role, limit: int = 200) -> CrawlResult:
    """Every page reachable from the role's start page (a few per route), with problems."""
    result = CrawlResult()
    queue: list[tuple[str, str]] = [(role.start, "(start)")]
    queue += [(u, "(form)") for u in EXTRA.get(role.name, [])]
    seen: set[str] = set()
    per_route: Counter[str] = Counter()
    while queue and len(seen) < limit:
        path, source = queue.pop(0)
        if path in seen or path.startswith(("/logout", "/i18n/")):
            continue
        route = route_of(path.split("?")[0])
        if per_route[route] >= PER_ROUTE:
            continue
        seen.add(path)
        per_route[route] += 1
        response = client.get(path, follow=True)
        status = response.status_code
        final = response.request["PATH_INFO"]
        if status >= 500:
            result.problems.append(f"{path} (linked from {source}): {status}")
            continue
        if status in (403, 404):
            result.problems.append(f"{path} (linked from {source}) leads to {status}")
            continue
        content_type = response.get("Content-Type", "")
        if not content_type.startswith("text/html"):
            continue
        result.pages.append(final)
        html = response.content.decode()
        text, links = visible_text_and_links(html)
        if LIST_ALERT.search(html) or html.count('role="alert"') > 1:
            result.problems.append(f"{path}: a list as an alert, or more than one alert")
        if match := TEMPLATE_SYNTAX.search(text):
            start = max(0, match.start() - 40)
            result.problems.append(f"{path}: template syntax shown: …{text[start : start + 90]}…")
        for href in links:
            target = local(href, final)
            if target and target not in seen:
                queue.append((target, path))
    return result


def summary(problems: Iterable[str]) -> str:
    return "\n".join(sorted(set(problems)))
