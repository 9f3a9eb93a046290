"""The task's id and name on every log line written while a task runs."""

from __future__ import annotations

from typing import Any

import structlog


def bind_task(sender: Any, task_result: Any, **kwargs: Any) -> None:
    structlog.contextvars.bind_contextvars(task_id=str(task_result.id), task=task_result.task.name)


def unbind_task(sender: Any, task_result: Any, **kwargs: Any) -> None:
    structlog.contextvars.unbind_contextvars("task_id", "task")
