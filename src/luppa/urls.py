from django.conf import settings
from django.urls import include, path

from .core.lazy_views import lazy_view
from .officer.oidc import OfficerCallbackView, OfficerLoginView
from .ops.health import LiveView, ReadyView

urlpatterns = [
    path("healthz", LiveView.as_view(), name="healthz"),
    path("readyz", ReadyView.as_view(), name="readyz"),
    # First: the X-Road service's calls are the most frequent, and resolving tries in order.
    path("xroad/", include("luppa.xroad.urls")),
    path("", include("luppa.web.urls")),
    path("", include("luppa.accounts.urls")),
    path("details/studios/", include("luppa.directory.urls_studios")),
    path("photos/", include("luppa.photos.urls")),
    path("studios/", include("luppa.directory.urls")),
    path("api/", include("luppa.api.urls")),
    path("open-data/", include("luppa.opendata.urls")),
    # Officers sign in with their organisation's OpenID Connect provider, not Suomi.fi.
    path("officer/login/", OfficerLoginView.as_view(), name="officer_login"),
    path("officer/login/callback/", OfficerCallbackView.as_view(), name="officer_login_callback"),
    path("officer/", include("luppa.officer.urls")),
    path("reports/", include("luppa.reports.urls")),
    path("bulletins/", include("luppa.bulletins.urls")),
    path("kiosk/", include("luppa.kiosk.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "saml2/metadata/",
        lazy_view("luppa.integrations.suomifi.metadata"),
        name="saml2_metadata",
    ),
]

# The service's own translated error pages, each with a way back.
handler403 = "luppa.web.errors.forbidden"
handler404 = "luppa.web.errors.not_found"
handler500 = "luppa.web.errors.server_error"
if settings.FAKE_IDP_ENABLED:
    # The local Suomi.fi stand-in for development, the demo and tests (never in production).
    urlpatterns.append(path("fake-idp/", include("luppa.integrations.fake_idp_urls")))
if settings.FAKE_VALTUUDET_ENABLED:
    # The local stand-in for the Suomi.fi e-Authorizations Web API (never in production).
    urlpatterns.append(path("fake-valtuudet/", include("luppa.integrations.fake_valtuudet_urls")))
if settings.FAKE_MESSAGES_ENABLED:
    # The local stand-in for the Suomi.fi Messages REST API (never in production).
    urlpatterns.append(path("fake-viestit/", include("luppa.integrations.fake_viestit_urls")))
if settings.FAKE_OIDC_ENABLED:
    # The local stand-in for the organisations' OpenID Connect provider (never in production).
    urlpatterns.append(path("fake-oidc/", include("luppa.integrations.fake_oidc_urls")))
