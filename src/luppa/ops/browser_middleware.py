"""Middleware that only browsers need, skipped for the machine-to-machine X-Road service.

The X-Road service (/xroad/) has no user, language choice, message, static file or page:
negotiating a language, setting browser policy headers and looking for static files on
every call is CPU spent for nothing on its hottest path (the image fetch). Each class here
is the named Django or third-party middleware, unchanged for every other path. The session
and CSRF middleware stay as they are: Django's deployment checks look for them by name, and
for a CSRF-exempt view with an untouched (lazy) session they do next to nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import csp.middleware
import django_permissions_policy
from django.contrib.messages import middleware as messages
from django.http import HttpRequest, HttpResponse
from django.middleware import common, locale
from whitenoise import middleware as whitenoise

MACHINE_PATHS = ("/xroad/",)
_HOOKS = ("process_view", "process_exception", "process_template_response")


def is_machine_path(request: HttpRequest) -> bool:
    return request.path_info.startswith(MACHINE_PATHS)


def browser_only(middleware: type) -> type:
    """A subclass of `middleware` (Django's checks still recognise it) that passes requests
    to MACHINE_PATHS straight on."""

    def __call__(self: Any, request: HttpRequest) -> HttpResponse:
        if is_machine_path(request):
            return self.get_response(request)
        return middleware.__call__(self, request)

    namespace: dict[str, Any] = {"__call__": __call__, "__module__": __name__}
    for hook in _HOOKS:
        if hasattr(middleware, hook):
            namespace[hook] = _skipping(getattr(middleware, hook))
    return type(middleware.__name__, (middleware,), namespace)


def _skipping(method: Callable[..., Any]) -> Callable[..., Any]:
    def hook(self: Any, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return None if is_machine_path(request) else method(self, request, *args, **kwargs)

    return hook


PermissionsPolicyMiddleware = browser_only(django_permissions_policy.PermissionsPolicyMiddleware)
CSPMiddleware = browser_only(csp.middleware.CSPMiddleware)
WhiteNoiseMiddleware = browser_only(whitenoise.WhiteNoiseMiddleware)
LocaleMiddleware = browser_only(locale.LocaleMiddleware)
CommonMiddleware = browser_only(common.CommonMiddleware)
MessageMiddleware = browser_only(messages.MessageMiddleware)
