"""Database text matching that behaves the same on SQLite and PostgreSQL."""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q


def text_contains(field: str, text: str) -> Q:
    """Case-insensitive "contains" that also folds Ä/Ö/Å."""
    if connection.vendor == "sqlite":
        # SQLite's LIKE folds ASCII letters only; Django's REGEXP there is Python's re.
        return Q(**{f"{field}__iregex": re.escape(text)})
    return Q(**{f"{field}__icontains": text})
