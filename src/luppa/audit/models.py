"""The audit trail: every read of personal data, every upload and submission, every decision
and every administrative action — who, in which role and organisation, from where, what was
asked, what was shown, when.

Kept five years (SPEC §4, seed 004), then purged. Records are append-only: each carries its
position in one of a few parallel chains (`lane`, `seq`) and an HMAC over its content and the
previous record's MAC in that lane, so
`luppa audit verify` finds a changed, deleted or reordered record. On PostgreSQL a trigger
(migration 0002) refuses UPDATE, and DELETE of anything younger than five years, whatever
the application does. Search terms that can hold a HETU or a name are kept only as keyed
hashes (log.safe_query), so the trail never outlives the photo's personal data in clear.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnly(Exception):
    """An attempt to change or delete an audit record through the ORM."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("audit records cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit records are deleted only by audit.retention.purge")


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Kept after the user is gone: no constraint, and never nulled (that would be an UPDATE).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # Who else acted: an API key's account, or an X-Road client.
    actor_label = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, blank=True)  # photographer, officer, admin, xroad, api
    organisation = models.CharField(max_length=20, blank=True)
    account_id = models.BigIntegerField(null=True, blank=True)  # the account acted in
    xroad_client = models.CharField(max_length=200, blank=True)
    xroad_user = models.CharField(max_length=200, blank=True)
    xroad_id = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=45, blank=True)  # the client's address
    request_id = models.CharField(max_length=64, blank=True)
    action = models.CharField(max_length=50)
    query = models.JSONField(default=dict, blank=True)
    photo_ids = models.JSONField(default=list, blank=True)  # photo IDs (or draft pks) shown
    # The keyed hashes in `query`, space-separated, so an administrator's search finds them.
    term_hashes = models.TextField(blank=True)

    # The chain: which of the parallel chains (lane), the position in it, the previous
    # record's MAC in that lane, and this record's MAC.
    lane = models.PositiveSmallIntegerField(default=1)
    seq = models.BigIntegerField(null=True)
    prev_mac = models.CharField(max_length=64, blank=True)
    mac = models.CharField(max_length=64, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["account_id", "at"])]
        constraints = [models.UniqueConstraint(fields=["lane", "seq"], name="audit_lane_seq")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or kwargs.get("force_update"):
            raise AppendOnly("audit records cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit records are deleted only by audit.retention.purge")


class AuditHead(models.Model):
    """The end of one lane of the chain (its primary key is the lane number): appending
    locks it, so each lane has one order."""

    seq = models.BigIntegerField(default=0)
    mac = models.CharField(max_length=64, blank=True)
    # The last purged record, so that verify can tell a purge from a deleted beginning.
    purged_through = models.BigIntegerField(default=0)
    purged_mac = models.CharField(max_length=64, blank=True)
