"""Views whose module is imported on their first request, not when the URLs are loaded.

pysaml2 builds its XML schemas when imported (~0.7 s of CPU). Every process that loads the
URL configuration (each `luppa` command runs the URL system checks, each web worker) would
pay that, although only the sign-in pages need it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string


def lazy_view(dotted_path: str) -> Callable[..., HttpResponse]:
    """A view that imports `dotted_path` (a plain function view, no attributes read by
    middleware such as csrf_exempt) when first called."""

    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return import_string(dotted_path)(request, *args, **kwargs)

    view.__name__ = view.__qualname__ = dotted_path.rsplit(".", 1)[1]
    view.__module__ = dotted_path.rsplit(".", 1)[0]
    return view
