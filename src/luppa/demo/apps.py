from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "luppa.demo"
    label = "demo"
