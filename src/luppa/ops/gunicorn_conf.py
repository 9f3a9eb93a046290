"""gunicorn configuration for `luppa serve`; every value can be overridden by LUPPA_* below.

The photo checks are CPU-bound (the face models), the rest is database I/O: one process per
core plus one, each with a few threads so that a slow client or a database round trip does
not hold a core. Each worker loads the face models when it starts, before it takes a
request, so the first check after a (re)start is as fast as the hundredth.
"""

from __future__ import annotations

import multiprocessing
import os

from gunicorn import glogging

workers = int(os.environ.get("LUPPA_WEB_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("LUPPA_WEB_THREADS", "4"))
# The app is imported once in the master and shared copy-on-write; the models are not
# (their native threads do not survive a fork): each worker loads them in post_worker_init.
preload_app = True
timeout = int(os.environ.get("LUPPA_WEB_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("LUPPA_WEB_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycling a worker now and then bounds the growth of a long-lived native heap.
max_requests = int(os.environ.get("LUPPA_WEB_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
forwarded_allow_ips = os.environ.get("LUPPA_FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
# No control socket: several instances may run on one machine, and nothing uses it.
control_socket_disable = True

# The access log: method and path without the query string (search terms are personal
# data), status, size, duration and the request id that ties it to the application's lines.
# LUPPA_ACCESS_LOG=0 leaves it to the proxy in front (it costs each request a formatted and
# scrubbed log line: a tenth of the X-Road image fetch's CPU).
ACCESS_LOG = os.environ.get("LUPPA_ACCESS_LOG", "1") != "0"
accesslog = "-" if ACCESS_LOG else None
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms id=%({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("LUPPA_LOG_LEVEL", "info").lower()


def _logconfig() -> dict:
    from luppa.ops.logs import logging_config

    json = os.environ.get(
        "LUPPA_LOG_FORMAT",
        "json" if os.environ.get("LUPPA_ENV") == "production" else "console",
    )
    config = logging_config(os.environ.get("LUPPA_LOG_LEVEL", "INFO"), json == "json")
    config["loggers"]["gunicorn.access"]["propagate"] = True
    if not ACCESS_LOG:
        # With a logging configuration gunicorn logs access lines whatever `accesslog` says.
        config["loggers"]["gunicorn.access"]["level"] = "WARNING"
    return config


class Logger(glogging.Logger):
    """gunicorn's logger, which builds no access line at all when LUPPA_ACCESS_LOG=0."""

    def access(self, resp, req, environ, request_time) -> None:  # type: ignore[no-untyped-def]
        if ACCESS_LOG:
            super().access(resp, req, environ, request_time)


logger_class = Logger


logconfig_dict = _logconfig()


def post_worker_init(worker) -> None:
    from luppa.quality import warm_up

    warm_up()
    worker.log.info("face models loaded in worker %s", worker.pid)
