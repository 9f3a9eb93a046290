"""Only the X-Road service's paths, mounted where the site mounts them, for its schema."""

from django.urls import include, path

urlpatterns = [path("xroad/", include("luppa.xroad.urls"))]
