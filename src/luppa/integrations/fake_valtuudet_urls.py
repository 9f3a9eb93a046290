from django.urls import path

from . import fake_valtuudet

app_name = "fake_valtuudet"

urlpatterns = [
    path(
        "service/<str:mode>/user/register/<str:client_id>/<str:hetu>",
        fake_valtuudet.register,
        name="register",
    ),
    path(
        "service/<str:mode>/user/unregister/<str:session_id>",
        fake_valtuudet.unregister,
        name="unregister",
    ),
    path("service/hpa/api/delegate/<str:session_id>", fake_valtuudet.delegate, name="delegate"),
    path(
        "service/hpa/api/authorization/<str:session_id>/<str:person_id>",
        fake_valtuudet.authorization,
        name="authorization",
    ),
    path(
        "service/ypa/api/organizationRoles/<str:session_id>",
        fake_valtuudet.organization_roles,
        name="organization_roles",
    ),
    path("oauth/authorize", fake_valtuudet.authorize, name="authorize"),
    path("oauth/token", fake_valtuudet.token, name="token"),
]
