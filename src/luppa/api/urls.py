"""The studio API, version 1. Paths also answer with a trailing slash (left out of the
schema); anything else under /api/ is a JSON 404, never the site's HTML page."""

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path, re_path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework.views import APIView

from .errors import InvalidInput
from .language import DEFAULT, request_language
from .schema import DocsView, SchemaView
from .views_checks import CheckView
from .views_photo import PhotoView, ReceiptView
from .views_photos import PhotosView

app_name = "api"


@csrf_exempt  # a studio program's POST to a wrong path is a 404, not an HTML CSRF page
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """A path no endpoint has: 404 in the API's shape and the client's language, like every
    other API error (DRF's own handling never sees a path that matches no view)."""
    try:
        lang = request_language(request)
    except InvalidInput:
        lang = DEFAULT  # an unknown ?lang on an unknown path: the path is the error to report
    with translation.override(lang):
        body = {"error": _("Rajapinnassa ei ole tätä osoitetta.")}
    # UTF-8 as the rest of the API writes it (DRF's renderer), not \u escapes.
    response = JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
    response["Content-Language"] = lang
    return response


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
