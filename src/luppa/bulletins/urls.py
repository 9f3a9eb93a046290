from django.urls import path

from . import views

app_name = "bulletins"

urlpatterns = [
    # Photographers (and officers) read current bulletins.
    path("", views.bulletin_list, name="list"),
    path("<int:pk>/", views.bulletin_detail, name="detail"),
    # Administrators publish.
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.edit, name="new"),
    path("manage/<int:pk>/", views.edit, name="edit"),
]
