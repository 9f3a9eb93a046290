"""`luppa audit verify | export | purge`: the audit trail for operators and the supervisor.

- verify: walks the keyed hash chain; exit status 1 and one line per problem (which record,
  changed, missing or reordered) when the trail was tampered with.
- export --from DATE --to DATE [--format jsonl|csv] [--output FILE]: the records of that
  period, with their MACs, for the supervising authority. --to is exclusive.
- purge: deletes records older than five years (also run by `luppa purge_expired`).
"""

from __future__ import annotations

import datetime as dt
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from luppa.audit import retention
from luppa.audit.chain import verify


def _date(value: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date: {value!r} (use YYYY-MM-DD)") from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


class Command(BaseCommand):
    help = "Verify, export or purge the audit trail."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="check the hash chain")
        export = sub.add_parser("export", help="write records as JSON Lines or CSV")
        export.add_argument("--from", dest="start", type=_date, help="first day (inclusive)")
        export.add_argument("--to", dest="end", type=_date, help="last moment (exclusive)")
        export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
        export.add_argument("--output", "-o", help="file (default: standard output)")
        sub.add_parser("purge", help="delete records older than five years")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "verify":
            problems = 0
            for problem in verify():
                problems += 1
                self.stdout.write(str(problem))
            if problems:
                self.stderr.write(f"audit trail: {problems} problem(s)")
                sys.exit(1)
            self.stdout.write("audit trail intact")
        elif action == "export":
            if options["output"]:
                with open(options["output"], "w", encoding="utf-8", newline="") as out:
                    count = retention.export(out, options["start"], options["end"],
                                             options["format"])  # fmt: skip
            else:
                count = retention.export(self.stdout, options["start"], options["end"],
                                         options["format"])  # fmt: skip
            self.stderr.write(f"{count} record(s)")
        else:
            self.stdout.write(f"deleted {retention.purge()} audit record(s)")
