"""`luppa rotate-keys`: re-seal every encrypted value under the current data key.

Add the new key to LUPPA_DATA_KEYS (or the key file) and make it current
(LUPPA_DATA_KEY_ID, or list it last), restart the service, then run this while the service
runs. Old keys keep decrypting until `--check` reports nothing left; then remove them.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from luppa.core import crypto, rekey


class Command(BaseCommand):
    help = "Re-encrypt personal data under the current data key."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--check", action="store_true", help="only count what is left")

    def handle(self, *args: Any, **options: Any) -> None:
        current = crypto.current_key_id()
        if options["check"]:
            left = rekey.stale_count()
            self.stdout.write(f"{left} value(s) not yet under key {current}")
            if left:
                sys.exit(1)
            return
        for name, count in rekey.reseal_all().items():
            self.stdout.write(f"{name}: {count} re-encrypted")
        self.stdout.write(f"all values under key {current}")
