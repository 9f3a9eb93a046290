from django.urls import path

from . import fake_idp

app_name = "fake_idp"

urlpatterns = [
    path("", fake_idp.home, name="home"),
    path("metadata/", fake_idp.metadata, name="metadata"),
    path("sso/", fake_idp.sso, name="sso"),
    path("slo/", fake_idp.slo, name="slo"),
]
