from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "luppa.opendata"
    label = "opendata"
