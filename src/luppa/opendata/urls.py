from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.ttl", views.catalog, name="catalog"),
    path("studios.<str:fmt>", views.studios, name="studios"),
    path("statistics.<str:fmt>", views.statistics, name="statistics"),
]
