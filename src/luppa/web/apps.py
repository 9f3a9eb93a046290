from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "luppa.web"
    label = "web"
