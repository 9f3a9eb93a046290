"""URLs of the fake IdP when it runs on its own (`luppa fake-idp`)."""

from django.urls import include, path

urlpatterns = [
    path("fake-idp/", include("luppa.integrations.fake_idp_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
