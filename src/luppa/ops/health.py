"""/healthz and /readyz for a load balancer, on django-health-check.

/healthz answers 200 while the process can answer at all (liveness: restart it otherwise).
/readyz answers 200 only when this instance can serve users: the database answers, every
migration is applied, the shared cache works and the face models are loaded; a 503 takes the
instance out of the balancer's rotation without restarting it. Neither needs a login, and
neither says more than which check failed.
"""

from __future__ import annotations

import dataclasses

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration of the code is applied: new code on an old schema must not serve."""

    alias: str = DEFAULT_DB_ALIAS

    def run(self) -> None:
        executor = MigrationExecutor(connections[self.alias])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise ServiceUnavailable("unapplied migrations")


@dataclasses.dataclass
class FaceModels(HealthCheck):
    """The photo checks' face models are in memory (loaded when the worker started)."""

    def run(self) -> None:
        from ..quality.faces import models_loaded

        if not models_loaded():
            raise ServiceUnavailable("face models not loaded")


class LiveView(HealthCheckView):
    checks = ()


class ReadyView(HealthCheckView):
    """503 while not ready: the instance is starting or lost a dependency, which is no
    server error (monitoring alerts on 500s) and is what load balancers expect."""

    async def get(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:
            response.status_code = 503
            response.reason_phrase = "Service Unavailable"
            response["Retry-After"] = "5"
        return response

    checks = (
        "health_check.checks.Database",
        "luppa.ops.health.Migrations",
        "health_check.checks.Cache",
        "luppa.ops.health.FaceModels",
    )
