"""Django's PostgreSQL backend, with a cheaper health check of persistent connections.

With CONN_HEALTH_CHECKS Django sends `SELECT 1` before each request's first query, to find
a connection the server has dropped (a restart, a terminated backend, an idle timeout).
That round trip was a sixth of the X-Road image fetch's queries. A dropped connection
shows without one: the server closes the socket, mostly after a last FATAL message, so an
idle connection's socket turns readable. Here a zero-timeout poll of the socket comes
first; only if something is waiting there does Django's own check run (it reads what was
sent, or finds the connection dead and closes it).
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq

__all__ = ["DatabaseWrapper"]


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is None
            or not self.health_check_enabled
            or self.health_check_done
            or self.pool
        ):
            return super().close_if_health_check_failed()
        if not self.quiet():
            super().close_if_health_check_failed()  # Django's SELECT 1, closes if it fails
        self.health_check_done = True

    def quiet(self) -> bool:
        """The connection is open and idle and the server has sent nothing since."""
        raw = self.connection
        if raw.closed or raw.pgconn.status != pq.ConnStatus.OK:
            return False
        if raw.pgconn.transaction_status != pq.TransactionStatus.IDLE:
            return False
        try:
            readable, _w, _x = select.select([raw.pgconn.socket], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable
