from django.urls import path

from ..core.lazy_views import lazy_view

app_name = "fake_idp"

urlpatterns = [
    path("", lazy_view("luppa.integrations.fake_idp.home"), name="home"),
    path("metadata/", lazy_view("luppa.integrations.fake_idp.metadata"), name="metadata"),
    path("sso/", lazy_view("luppa.integrations.fake_idp.sso"), name="sso"),
    path("slo/", lazy_view("luppa.integrations.fake_idp.slo"), name="slo"),
]
