from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "luppa.integrations"
    label = "integrations"
