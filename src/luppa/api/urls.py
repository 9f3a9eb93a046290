"""The studio API, version 1. Paths also answer with a trailing slash (left out of the
schema); anything else under /api/ is a JSON 404, never the site's HTML page."""

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path, re_path
from rest_framework.views import APIView

from .schema import DocsView, SchemaView
from .views_checks import CheckView
from .views_photo import PhotoView, ReceiptView
from .views_photos import PhotosView

app_name = "api"


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    return JsonResponse({"error": "no such API endpoint"}, status=404)


def endpoint(route: str, view: type[APIView], name: str) -> list[URLPattern]:
    return [
        path(route, view.as_view(), name=name),
        path(f"{route}/", view.as_view(schema=None)),
    ]


urlpatterns = [
    *endpoint("v1/checks", CheckView, "checks"),
    *endpoint("v1/photos", PhotosView, "photos"),
    *endpoint("v1/photos/<str:photo_id>", PhotoView, "photo"),
    path("v1/photos/<str:photo_id>/receipt.pdf", ReceiptView.as_view(), name="receipt"),
    path("v1/openapi.json", SchemaView.as_view(), name="schema"),
    path("v1/docs/", DocsView.as_view(), name="docs"),
    re_path(r"^(?P<rest>.*)$", not_found),
]
