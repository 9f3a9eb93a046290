"""The lean way in for machine-to-machine calls: the X-Road service under /xroad/.

Browser pages need sessions, CSRF, a language, messages, the signed-in user, the current
account and officer, static files and browser policy headers: sixteen middleware layers,
which were most of the CPU of the service's busiest call, the X-Road image fetch. A permit
system calling through its security server needs none of them. So the WSGI application
(luppa.wsgi) hands paths under MACHINE_PATHS to a second Django handler whose middleware
is settings.MACHINE_MIDDLEWARE: the request id, the request's log line and Django's
security middleware; the handler adds a Content-Length as CommonMiddleware would. Who may
call, the audit record and X-Road's error form belong to the X-Road views themselves
(xroad.access, audit.log.record), so they hold either way in.

settings.MIDDLEWARE stays the whole list, for every other path and for Django's test
client (and its deployment checks, which look for the session and CSRF middleware by name).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

import structlog
from django.conf import settings
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.module_loading import import_string
from django_structlog.app_settings import app_settings

from .browser_middleware import MACHINE_PATHS

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
# django-structlog's logger, so a machine call's line looks like any other request's.
REQUEST_LOGGER = "django_structlog.middlewares.request"


class MachineHandler(WSGIHandler):
    """Django's WSGI handler with settings.MACHINE_MIDDLEWARE (all synchronous)."""

    def load_middleware(self, is_async: bool = False) -> None:
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        handler = convert_exception_to_response(self._get_response)
        for path in reversed(settings.MACHINE_MIDDLEWARE):
            instance = import_string(path)(handler)
            if hasattr(instance, "process_view"):
                self._view_middleware.insert(0, instance.process_view)
            if hasattr(instance, "process_template_response"):
                self._template_response_middleware.append(instance.process_template_response)
            if hasattr(instance, "process_exception"):
                self._exception_middleware.append(instance.process_exception)
            handler = convert_exception_to_response(instance)
        self._middleware_chain = handler

    def get_response(self, request: HttpRequest) -> HttpResponseBase:
        response = super().get_response(request)
        # What CommonMiddleware does for pages: without it the server would send the photo
        # in chunked encoding, which costs both ends more.
        if not response.streaming and not response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(response.content))
        return response


def dispatching(browser: WSGIApp) -> WSGIApp:
    """The service's WSGI application: MACHINE_PATHS to the lean handler, the rest to
    `browser` (Django's handler with the whole middleware)."""
    machine = MachineHandler()

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("PATH_INFO", "").startswith(MACHINE_PATHS):
            return machine(environ, start_response)
        return browser(environ, start_response)

    return application


class RequestLogMiddleware:
    """The request id on every log line a machine call writes, and its `request_finished`
    line (status and path, never the query string), as django-structlog writes for pages;
    nothing is formatted when the level is off."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.stdlib = logging.getLogger(REQUEST_LOGGER)
        self.logger = structlog.get_logger(REQUEST_LOGGER)
        # django-structlog's levels by status class (2xx INFO, 4xx WARNING, 5xx ERROR).
        self.levels = {
            2: app_settings.STATUS_2XX_LOG_LEVEL,
            4: app_settings.STATUS_4XX_LOG_LEVEL,
            5: app_settings.STATUS_5XX_LOG_LEVEL,
        }
        self.default_level = app_settings.STATUS_DEFAULT_LOG_LEVEL

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # RequestIdMiddleware (before this one) has put a valid id in the header.
        structlog.contextvars.bind_contextvars(request_id=request.META["HTTP_X_REQUEST_ID"])
        try:
            response = self.get_response(request)
            level = self.levels.get(response.status_code // 100, self.default_level)
            if self.stdlib.isEnabledFor(level):
                self.logger.log(level, "request_finished", code=response.status_code,
                                request=f"{request.method} {request.path}")  # fmt: skip
            return response
        finally:
            structlog.contextvars.clear_contextvars()
