from django.urls import path

from . import views, views_admin, views_audit

app_name = "officer"

urlpatterns = [
    # Permit officers: find, compare, decide.
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("photos/<str:photo_id>/", views.photo, name="photo"),
    path("photos/<str:photo_id>/image.jpg", views.image, name="image"),
    path("photos/<str:photo_id>/decide/", views.decide, name="decide"),
    # Administrators: officers and photographer accounts.
    path("staff/", views_admin.officer_list, name="officer_list"),
    path("staff/add/", views_admin.officer_add, name="officer_add"),
    path("staff/<int:pk>/", views_admin.officer_edit, name="officer_edit"),
    path("accounts/", views_admin.accounts, name="accounts"),
    path("accounts/<int:pk>/", views_admin.account_detail, name="account_detail"),
    path("accounts/<int:pk>/suspend/", views_admin.suspend, name="suspend"),
    path(
        "accounts/<int:pk>/api-keys/<int:key_pk>/revoke/",
        views_admin.revoke_api_key,
        name="api_key_revoke",
    ),
    path("accounts/<int:pk>/restore/", views_admin.restore, name="restore"),
    path("audit/", views_audit.audit_search, name="audit"),
]
