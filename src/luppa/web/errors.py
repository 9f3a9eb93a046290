"""The service's own 403, 404 and 500 pages: translated, in the site's frame, with a way back.

`/` leads every role to its own start page, so "back to the start" is always a safe link.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 403}, status=403)


@requires_csrf_token
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 404}, status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: whatever failed (the database, say) must not fail this page too.
    html = loader.get_template("web/500.html").render({"request_path": request.path})
    return HttpResponse(html, status=500)
