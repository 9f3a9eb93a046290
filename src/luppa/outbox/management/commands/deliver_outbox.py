"""Delivers queued receipt e-mails and text messages: one pass, or `--loop` to keep polling."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection

from ...worker import deliver_due


class Command(BaseCommand):
    help = "Delivers due messages of the outbox (receipts by e-mail and SMS), with retries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep polling until stopped")
        parser.add_argument(
            "--interval",
            type=float,
            default=30.0,
            help="seconds between passes with --loop (default 30)",
        )

    def handle(self, *args: Any, loop: bool, interval: float, **options: Any) -> None:
        stop = threading.Event()
        if loop:
            # SIGTERM (a service manager stopping us) lets the current pass finish, so a
            # message is never sent and then rolled back to be sent again.
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while True:
                counts = deliver_due()
                if any(counts.values()) or not loop:
                    self.stdout.write(
                        "sent {sent}, to retry {retry}, failed {failed}".format(**counts)
                    )
                if not loop:
                    return
                # A long-running worker must not keep a connection the database dropped
                # (never inside a caller's transaction, such as a test's).
                if not connection.in_atomic_block:
                    close_old_connections()
                if stop.wait(max(interval, 0.1)):
                    return
        except KeyboardInterrupt:
            return
