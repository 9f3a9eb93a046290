"""Keeps a HETU out of every log line, whatever logs it (SPEC §4; README "Privacy").

Luppa never logs a request body, and its pages post searches instead of putting them in
URLs. The one URL that may carry a HETU is the X-Road service's `GET /xroad/v1/photos?hetu=`
(the POST search is preferred); the development server's and other access logs print the
request line, so this filter rewrites the `hetu` parameter and anything shaped like a HETU
to `[redacted]` before the line is written.
"""

from __future__ import annotations

import logging
import re

_HETU_PARAM = re.compile(r"(hetu=)[^&\s\"']*", re.IGNORECASE)
_HETU_LIKE = re.compile(r"\b\d{6}(?:[-+A-FU-Y]|%2B)\d{3}[0-9A-Y]\b", re.IGNORECASE)


def redact(text: str) -> str:
    return _HETU_LIKE.sub("[redacted]", _HETU_PARAM.sub(r"\1[redacted]", text))


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is not ours to fix; let logging report it
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        return True
