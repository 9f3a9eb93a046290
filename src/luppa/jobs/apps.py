from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "luppa.jobs"
    label = "jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django_tasks.signals import task_finished, task_started

        from .logging import bind_task, unbind_task

        # Every log line a task writes carries its id, as request lines carry theirs.
        task_started.connect(bind_task, dispatch_uid="luppa-bind-task")
        task_finished.connect(unbind_task, dispatch_uid="luppa-unbind-task")
