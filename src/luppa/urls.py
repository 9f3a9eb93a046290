from django.urls import include, path

from .ops.health import LiveView, ReadyView

urlpatterns = [
    path("healthz", LiveView.as_view(), name="healthz"),
    path("readyz", ReadyView.as_view(), name="readyz"),
    path("", include("luppa.web.urls")),
    path("", include("luppa.accounts.urls")),
    path("photos/", include("luppa.photos.urls")),
    path("studios/", include("luppa.directory.urls")),
    path("api/", include("luppa.api.urls")),
    path("xroad/", include("luppa.xroad.urls")),
    path("open-data/", include("luppa.opendata.urls")),
    path("officer/", include("luppa.review.urls")),
    path("reports/", include("luppa.reports.urls")),
    path("bulletins/", include("luppa.bulletins.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

# The service's own translated error pages, each with a way back.
handler403 = "luppa.web.errors.forbidden"
handler404 = "luppa.web.errors.not_found"
handler500 = "luppa.web.errors.server_error"
