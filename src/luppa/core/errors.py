"""One kind of refusal for every rule of the service, shared by the pages and the API.

A rule that says no raises a Refusal: `code` is stable (pages pick their message by it, the
API answers with it, tests assert it), `field` names the input at fault ("" for the whole
request) and `params` fill the message. Each layer subclasses it for its own rules
(photos.services.SubmitRefused, the photo's DecisionRefused and UseRefused, ...), so a
caller may catch the one it expects or any Refusal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Refusal(Exception):
    def __init__(self, code: str, field: str = "", params: Mapping[str, Any] | None = None):
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = dict(params or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, field={self.field!r})"
