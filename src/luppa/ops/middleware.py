"""Request middleware: the request id (header and log context) and the request log line."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django_structlog.middlewares import RequestMiddleware

HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class StructuredRequestMiddleware(RequestMiddleware):
    """django-structlog's request logging, with the path only: search terms stay out."""

    @staticmethod
    def format_request(request: HttpRequest) -> str:
        return f"{request.method} {request.path}"


class RequestIdMiddleware:
    """Accepts a well-formed X-Request-ID from the proxy, else makes one; returns it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if _VALID_ID.match(given) else str(uuid.uuid4())
        # django-structlog reads the header and binds it to every line of this request.
        request.META["HTTP_X_REQUEST_ID"] = request_id
        response = self.get_response(request)
        response[HEADER] = request_id
        return response
