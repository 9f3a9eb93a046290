from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "luppa.reports"
    label = "reports"

    def ready(self) -> None:
        # The statistics follow the photo layer's events, inside the same transactions.
        from ..photos import signals
        from . import recording

        signals.photo_submitted.connect(recording.on_submitted, dispatch_uid="reports.submitted")
        signals.photo_decided.connect(recording.on_decided, dispatch_uid="reports.decided")
