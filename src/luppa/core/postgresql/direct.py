"""Queries of the hottest paths straight through psycopg, on PostgreSQL.

Django's PostgreSQL cursors bind parameters on the client: each statement reaches the
server as new text to parse and plan, and every result comes back as text, a bytea as hex
twice its size that the server encodes and the client decodes. For the X-Road image fetch
(a 100 kB photo, an audit record) that was more CPU than everything else the request did.
A psycopg cursor of the same connection binds on the server, so psycopg prepares a
statement (parsed and planned once per connection), and can ask for binary results.

The cursor belongs to Django's connection: the same transaction, errors as Django's
(wrap_database_errors), health-checked first. When Django logs queries (DEBUG, or a test
counting them) or the database is not PostgreSQL, Django's own cursor is used.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from django.db import connection


def available() -> bool:
    return connection.vendor == "postgresql" and not connection.queries_logged


@contextmanager
def cursor() -> Iterator[Any]:
    """A psycopg cursor binding on the server, when available(); else Django's cursor."""
    with connection.cursor() as django_cursor:
        if not available():
            yield django_cursor
            return
        with connection.wrap_database_errors, psycopg.Cursor(django_cursor.connection) as raw:
            yield raw


def execute(c: Any, sql: str, params: Sequence[Any], *, binary: bool = False) -> None:
    """Runs `sql` on a cursor() as a prepared statement (parsed and planned once per
    connection); with binary=True the server answers in binary form (a bytea as its
    bytes)."""
    if isinstance(c, psycopg.Cursor):
        c.execute(sql, params, prepare=True, binary=binary)
    else:
        c.execute(sql, params)


def fetchone(sql: str, params: Sequence[Any], *, binary: bool = False) -> tuple | None:
    """The first row of `sql` (see execute())."""
    with cursor() as c:
        execute(c, sql, params, binary=binary)
        return c.fetchone()
