from django.urls import path

from . import views, views_details

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_page, name="login"),
    path("login/test-idp/", views.test_idp, name="test_idp"),
    path("login/callback/", views.callback, name="callback"),
    path("login/choose/", views.choose, name="choose"),
    path("login/company/<str:business_id>/", views.create_company, name="create_company"),
    path("logout/", views.logout_view, name="logout"),
    path("details/", views_details.details, name="details"),
]
