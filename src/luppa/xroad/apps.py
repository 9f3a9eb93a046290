from django.apps import AppConfig


class XRoadConfig(AppConfig):
    name = "luppa.xroad"
    label = "xroad"
    verbose_name = "X-Road service for permit application systems"
