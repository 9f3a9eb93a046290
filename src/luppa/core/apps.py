from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "luppa.core"
    label = "core"
