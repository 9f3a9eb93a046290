"""Only the studio API's paths, mounted where the site mounts them, for its schema (the
X-Road service under /xroad/ has a schema of its own)."""

from django.urls import include, path

urlpatterns = [path("api/", include("luppa.api.urls"))]
