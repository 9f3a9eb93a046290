"""`luppa serve [--bind HOST:PORT]`: the production web server.

Collects the static files (hashed names, served by WhiteNoise with far-future caching), then
runs gunicorn with the configuration in luppa/ops/gunicorn_conf.py. Migrations are a
separate step (`luppa migrate`), run once per release rather than by every instance; an
instance whose database lacks a migration answers 503 on /readyz until it is applied.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import sys
from pathlib import Path
from typing import Any

CONFIG = Path(__file__).with_name("gunicorn_conf.py")


def _collectstatic(call_command: Any) -> None:
    """collectstatic under a file lock: instances started together on one machine share
    STATIC_ROOT, and two collections at once delete each other's intermediate files."""
    from django.conf import settings

    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with open(root.parent / ".collectstatic.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            call_command("collectstatic", interactive=False, verbosity=0)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="luppa serve", description=__doc__)
    parser.add_argument(
        "--bind",
        default=os.environ.get("LUPPA_BIND", "127.0.0.1:8000"),
        help="HOST:PORT to listen on (default: LUPPA_BIND or 127.0.0.1:8000)",
    )
    parser.add_argument("--workers", type=int, help="default: LUPPA_WEB_WORKERS or cores + 1")
    parser.add_argument(
        "--no-collectstatic", action="store_true", help="the static files are collected already"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luppa.settings")
    # gunicorn's threads live as long as the worker: keep their database connections (a new
    # connection per request costs PostgreSQL a process start), in development too.
    os.environ.setdefault("LUPPA_DB_CONN_MAX_AGE", "60")
    if args.workers:
        os.environ["LUPPA_WEB_WORKERS"] = str(args.workers)
    import django
    from django.core.management import call_command

    django.setup()  # validates the settings and secrets before anything starts
    if not args.no_collectstatic:
        _collectstatic(call_command)
    from gunicorn.app.wsgiapp import run

    sys.argv = ["gunicorn", "--config", str(CONFIG), "--bind", args.bind, "luppa.wsgi:application"]
    run()
    return 0
