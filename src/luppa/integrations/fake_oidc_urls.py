from django.urls import path

from . import fake_oidc

app_name = "fake_oidc"

urlpatterns = [
    path(".well-known/openid-configuration", fake_oidc.configuration, name="configuration"),
    path("authorize/", fake_oidc.authorize, name="authorize"),
    path("token/", fake_oidc.token, name="token"),
    path("userinfo/", fake_oidc.userinfo, name="userinfo"),
    path("jwks/", fake_oidc.jwks, name="jwks"),
]
