"""The X-Road service, version 1. Anything else under /xroad/ is an X-Road JSON 404."""

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from drf_spectacular.utils import extend_schema_view

from . import schema, views

app_name = "xroad"


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    body = {"type": "Client.NotFound", "message": "no such X-Road service", "detail": ""}
    return JsonResponse(body, status=404)


PhotoListView = extend_schema_view(get=schema.listing)(views.PhotoListView)
SearchView = extend_schema_view(post=schema.search)(views.SearchView)
PhotoView = extend_schema_view(get=schema.photo)(views.PhotoView)
ImageView = extend_schema_view(get=schema.image)(views.ImageView)
DecisionView = extend_schema_view(post=schema.decision)(views.DecisionView)
UseView = extend_schema_view(post=schema.uses)(views.UseView)

urlpatterns = [
    path("v1/openapi.json", schema.SchemaView.as_view(), name="schema"),
    path("v1/photos", PhotoListView.as_view(), name="photos"),
    path("v1/photos/search", SearchView.as_view(), name="search"),
    path("v1/photos/<str:photo_id>", PhotoView.as_view(), name="photo"),
    path("v1/photos/<str:photo_id>/image", ImageView.as_view(), name="image"),
    path("v1/photos/<str:photo_id>/decision", DecisionView.as_view(), name="decision"),
    path("v1/photos/<str:photo_id>/uses", UseView.as_view(), name="uses"),
    re_path(r"^(?P<rest>.*)$", not_found),
]
