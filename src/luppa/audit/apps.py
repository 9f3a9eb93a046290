from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "luppa.audit"
    label = "audit"
