from django.urls import path

from . import views, views_details

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_page, name="login"),
    path("saml2/acs/", views.callback, name="callback"),
    path("saml2/ls/", views.saml_logout, name="saml_logout"),
    path("login/choose/", views.choose, name="choose"),
    path("login/company/<str:business_id>/", views.create_company, name="create_company"),
    path("logout/", views.logout_view, name="logout"),
    path("details/", views_details.details, name="details"),
    path("details/contact/", views_details.edit_contact, name="details_contact"),
    path("details/photographers/add/", views_details.add_photographer, name="photographer_add"),
    path(
        "details/photographers/<int:pk>/",
        views_details.edit_photographer,
        name="photographer_edit",
    ),
    path(
        "details/photographers/<int:pk>/remove/",
        views_details.remove_photographer,
        name="photographer_remove",
    ),
    path("details/api-keys/add/", views_details.add_api_key, name="api_key_add"),
    path("details/api-keys/<int:pk>/revoke/", views_details.revoke_api_key, name="api_key_revoke"),
]
