from django.urls import include, path

urlpatterns = [
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
