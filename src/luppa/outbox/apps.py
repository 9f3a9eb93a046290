from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "luppa.outbox"
    label = "outbox"
