from django.http import HttpResponse
from django.urls import path

app_name = "directory"

urlpatterns = [path("", lambda request: HttpResponse("studios"), name="search")]
