"""The account's studios, under the account's details (/details/studios/...)."""

from django.urls import path

from . import views_studios

app_name = "studios"

urlpatterns = [
    path("add/", views_studios.add_studio, name="add"),
    path("<int:pk>/", views_studios.edit_studio, name="edit"),
    path("<int:pk>/remove/", views_studios.remove_studio, name="remove"),
]
