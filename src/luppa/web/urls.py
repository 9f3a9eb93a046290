from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", views.guide, name="guide"),
    path("manual/", views.manual, name="manual"),
    path("feedback/", views.feedback, name="feedback"),
]
