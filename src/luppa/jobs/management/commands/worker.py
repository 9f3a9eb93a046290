"""`luppa worker`: runs background tasks (receipt delivery, periodic jobs) until stopped.

Any number of workers may run, on any machines, against the same database: a task is
claimed by one of them (SELECT ... FOR UPDATE SKIP LOCKED), and a periodic job is scheduled
once per period (jobs/schedule.py). SIGTERM lets the running task finish first.
"""

from __future__ import annotations

import os
import socket
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from ...schedule import tick


class Command(BaseCommand):
    help = "Runs background tasks: receipt delivery and the periodic jobs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument(
            "--schedule-interval",
            type=float,
            default=60.0,
            help="seconds between looks at the periodic jobs (default 60)",
        )
        parser.add_argument("--no-schedule", action="store_true", help="run tasks only")
        parser.add_argument(
            "--batch", action="store_true", help="run what is due now, then exit (for cron)"
        )
        parser.add_argument("--worker-id", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = options["worker_id"] or (
            f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(6)}"
        )
        stop = threading.Event()
        if not options["no_schedule"]:
            tick(worker=worker_id)
            if not options["batch"]:
                scheduler = threading.Thread(
                    target=self._schedule,
                    args=(stop, options["schedule_interval"], worker_id),
                    daemon=True,
                    name="luppa-schedule",
                )
                scheduler.start()
        worker = Worker(
            queue_names=["default"],
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=None,
            worker_id=worker_id[:64],
            excluded_queue_names=[],
        )
        if not options["batch"]:
            worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()

    @staticmethod
    def _schedule(stop: threading.Event, interval: float, worker_id: str) -> None:
        while not stop.wait(interval):
            try:
                tick(worker=worker_id)
            except Exception:  # a database outage must not end the worker
                import logging

                logging.getLogger(__name__).exception("periodic scheduling failed")
            finally:
                if not connection.in_atomic_block:
                    close_old_connections()
