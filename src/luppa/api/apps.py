from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "luppa.api"
    label = "api"

    def ready(self) -> None:
        # Registers the bearer key scheme with drf-spectacular.
        from . import schema  # noqa: F401
