"""Structured JSON logs with a request id on every line, and nothing personal in them.

django-structlog binds a request id to every log line written while a request runs (from a
well-formed incoming X-Request-ID, else a new UUID); `RequestIdMiddleware` returns it in the
X-Request-ID response header, so a user's error report leads to its log lines.

Privacy is by construction (code never logs a HETU, name, phone number or e-mail address,
and request lines are logged without query strings, where search terms travel); `scrub` is
the second line: it masks anything in a log line that looks like one of those.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable
from typing import Any, TextIO

import structlog

_PATTERNS = [
    (re.compile(r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b", re.IGNORECASE), "[hetu]"),
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)*|[\w.+-]+@\[[^\]]*\]"), "[email]"),
    (
        re.compile(
            r"(?<![\w/.-])(\+|00)?358[\s-]?\d[\d\s-]{5,12}\d|(?<![\w/.-])0[45]\d[\s-]?\d{3}[\s-]?\d{3,4}\b"
        ),
        "[phone]",
    ),
    # A query string carries search terms (names, birth dates): never logged.
    (re.compile(r"\?[^\s\"']*"), "?[query]"),
]


def scrub_text(text: str) -> str:
    for pattern, mask in _PATTERNS:
        text = pattern.sub(mask, text)
    return text


def scrub(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: masks personal data in every value of the line (objects such as
    a request are rendered to text first: Django logs the request with its query string)."""
    for key, value in list(event.items()):
        if key in ("request_id", "timestamp", "level") or value is None:
            continue
        if isinstance(value, bool | int | float):
            continue
        event[key] = scrub_text(value if isinstance(value, str) else repr(value))
    return event


def shared_processors() -> list[Callable[..., Any]]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
    ]


def formatter(json: bool) -> dict[str, Any]:
    """A logging.config formatter entry rendering stdlib and structlog records alike."""
    renderer = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if json
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    return {
        "()": structlog.stdlib.ProcessorFormatter,
        "foreign_pre_chain": shared_processors(),
        "processors": [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            scrub,
            renderer,
        ],
    }


def configure_structlog() -> None:
    structlog.configure(
        processors=[
            *shared_processors(),
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


class StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is when a line is logged, not when logging was set up.

    Logging is configured again whenever Django is set up (each `luppa` command does so); a
    handler holding the stream of that moment keeps writing to it after it was swapped and
    closed (a test's captured output), and every later line fails in `handleError`.
    """

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        pass  # always the current sys.stderr


def logging_config(level: str, json: bool) -> dict[str, Any]:
    configure_structlog()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"structured": formatter(json)},
        "handlers": {
            "console": {"class": "luppa.ops.logs.StderrHandler", "formatter": "structured"}
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Each request is logged once by django-structlog (without its query string).
            "django.server": {"level": "WARNING"},
            "gunicorn.access": {"level": "INFO", "propagate": True},
            "gunicorn.error": {"level": "INFO", "propagate": True},
        },
    }
