from django.apps import AppConfig


class KioskConfig(AppConfig):
    name = "luppa.kiosk"
    label = "kiosk"
    verbose_name = "Kiosk"
    default_auto_field = "django.db.models.BigAutoField"
