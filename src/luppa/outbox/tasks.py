"""Delivery of one receipt message as a task of Django's tasks framework.

The task row is written by the database backend in the caller's transaction: queued with
the submission (never without it), retried after each failure's backoff (1, 2, 4 … minutes,
eight tries: over two hours, so a provider down for an hour loses nothing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django_tasks import task

if TYPE_CHECKING:
    from .models import Message


@task()
def deliver_message(message_id: int) -> str:
    from .worker import deliver_one

    return deliver_one(message_id)


def schedule_delivery(message: Message) -> None:
    """Enqueues the message's next delivery attempt, to run at its next_attempt_at."""
    deliver_message.using(run_after=message.next_attempt_at).enqueue(message.pk)
