from django.conf import settings
from django.urls import include, path

from .integrations import suomifi

urlpatterns = [
    path("", include("luppa.web.urls")),
    path("", include("luppa.accounts.urls")),
    path("photos/", include("luppa.photos.urls")),
    path("studios/", include("luppa.directory.urls")),
    path("api/", include("luppa.api.urls")),
    path("officer/", include("luppa.review.urls")),
    path("reports/", include("luppa.reports.urls")),
    path("bulletins/", include("luppa.bulletins.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("saml2/metadata/", suomifi.metadata, name="saml2_metadata"),
]
if settings.FAKE_IDP_ENABLED:
    # The local Suomi.fi stand-in for development, the demo and tests (never in production).
    urlpatterns.append(path("fake-idp/", include("luppa.integrations.fake_idp_urls")))
