from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    # The photographer's Raportointi tab.
    path("", views.account_report, name="account"),
    path("export.csv", views.account_csv, name="account_csv"),
    # Administrators: service-wide statistics.
    path("service/", views.service_report, name="service"),
    path("service/export.csv", views.service_csv, name="service_csv"),
]
