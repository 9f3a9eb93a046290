from django.apps import AppConfig


class KioskConfig(AppConfig):
    name = "luppa.kiosk"
    label = "kiosk"
    verbose_name = "Kiosk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The jobs framework knows nothing above it: the kiosk adds its wipe job to the
        # schedule here (tick() reads JOBS on every call).
        from ..jobs import schedule
        from . import tasks

        job = schedule.Job("kiosk_wipe_abandoned", tasks.wipe_abandoned, tasks.every_minute)
        if all(j.name != job.name for j in schedule.JOBS):
            schedule.JOBS = (*schedule.JOBS, job)
