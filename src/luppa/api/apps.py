from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "luppa.api"
    label = "api"
