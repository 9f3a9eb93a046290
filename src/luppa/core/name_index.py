"""A keyed index for searching encrypted names by any part (a "blind index").

Names are encrypted at rest, so the database cannot compare them. Each name instead gets a
set of short keyed hashes: one per three-letter piece (trigram) of the case-folded name, and
one for the first one and two letters of each word. A search term's pieces must all be in
the set. Terms of one or two letters therefore match the beginning of a word; longer terms
match anywhere, as before. The hashes are keyed (HETU_HASH_KEY) and truncated to 40 bits,
so a dump shows neither the names nor which rows share a name; a rare extra match is
possible and harmless in a search list.
"""

from __future__ import annotations

import re
import unicodedata

from django.db.models import Q

from .crypto import keyed_hash

PURPOSE = "name-index"
TOKEN_HEX = 10


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).casefold()).strip()


def _token(field: str, piece: str) -> str:
    return keyed_hash(PURPOSE, f"{field}:{piece}")[:TOKEN_HEX]


def _pieces(text: str) -> set[str]:
    pieces = {text[i : i + 3] for i in range(len(text) - 2)}
    for word in text.split(" "):
        pieces.update({f"^{word[:1]}", f"^{word[:2]}"} if word else set())
    return pieces


def index(**fields: str) -> str:
    """The index text of a row: its tokens, space-separated and space-framed."""
    tokens = {_token(f, p) for f, text in fields.items() for p in _pieces(normal(text or ""))}
    return f" {' '.join(sorted(tokens))} " if tokens else ""


def contains(field: str, term: str, column: str = "name_index") -> Q:
    """Rows whose `field` contains `term` (case-insensitive)."""
    text = normal(term)
    if not text:
        return Q()
    # Short terms match the start of a word; longer ones, every trigram anywhere.
    pieces = {f"^{text}"} if len(text) < 3 else {text[i : i + 3] for i in range(len(text) - 2)}
    query = Q()
    for piece in pieces:
        query &= Q(**{f"{column}__contains": f" {_token(field, piece)} "})
    return query
