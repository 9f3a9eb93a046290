"""One row per periodic job and period: the unique key makes "once per period" hold however
many workers run, on however many machines, against the same database."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class PeriodicRun(models.Model):
    job = models.CharField(max_length=50)
    period = models.CharField(max_length=20)  # e.g. "2026-11-30" or "2026-11-30T13"
    scheduled_at = models.DateTimeField(default=timezone.now)
    worker = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="one_run_per_period")]

    def __str__(self) -> str:
        return f"{self.job} {self.period}"
