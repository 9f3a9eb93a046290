from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "luppa.reports"
    label = "reports"
