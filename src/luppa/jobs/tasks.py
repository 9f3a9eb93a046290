"""The periodic jobs as tasks of Django's tasks framework. Each logs one line with its counts
(never what it deleted: those rows held personal data)."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from ..api import idempotency
from ..audit import retention
from ..kiosk.tasks import wipe as wipe_kiosk
from ..outbox.worker import deliver_due
from ..photos.models import RETENTION, Photo
from ..xroad.models import AnsweredMessage

log = logging.getLogger(__name__)

STALE_DRAFT_AGE = dt.timedelta(days=1)


@task()
def purge_retention() -> int:
    """Photos six months after submission, with their images and messages."""
    with transaction.atomic():
        deleted = Photo.objects.filter(submitted_at__lt=timezone.now() - RETENTION).delete()[0]
    log.info("job purge_retention done", extra={"job": "purge_retention", "deleted": deleted})
    return deleted


@task()
def purge_stale_drafts() -> int:
    """Drafts never submitted, a day after they were made."""
    cutoff = timezone.now() - STALE_DRAFT_AGE
    with transaction.atomic():
        deleted = Photo.objects.filter(state=Photo.State.DRAFT, created_at__lt=cutoff).delete()[0]
    log.info("job purge_stale_drafts done", extra={"job": "purge_stale_drafts", "deleted": deleted})
    return deleted


@task()
def purge_audit() -> int:
    """Audit events older than five years: the chain's oldest records, remembered in its
    head so that `luppa audit verify` still accepts it (audit.retention)."""
    deleted = retention.purge()
    log.info("job purge_audit done", extra={"job": "purge_audit", "deleted": deleted})
    return deleted


@task()
def purge_idempotency_keys() -> int:
    """Idempotency records past their 24-hour window (they keep a response: personal data)."""
    deleted = idempotency.purge_expired()
    # X-Road answers kept for retries: a week is far beyond any security server's retry.
    week = timezone.now() - dt.timedelta(days=7)
    deleted += AnsweredMessage.objects.filter(created_at__lt=week).delete()[0]
    log.info(
        "job purge_idempotency_keys done",
        extra={"job": "purge_idempotency_keys", "deleted": deleted},
    )
    return deleted


@task()
def sweep_outbox() -> dict[str, int]:
    """Delivers any due receipt message whose own task was lost (the safety net)."""
    counts = deliver_due()
    log.info("job sweep_outbox done", extra={"job": "sweep_outbox", **counts})
    return counts


@task()
def embed_missing_faces() -> dict[str, int]:
    """Face embeddings of submitted photos whose own task was lost (the safety net), or all
    of them after a model change; at most a few hundred a run so a run stays short."""
    from ..photos.services import embed_missing

    stored, skipped = embed_missing(limit=500)
    counts = {"stored": stored, "skipped": skipped}
    log.info("job embed_missing_faces done", extra={"job": "embed_missing_faces", **counts})
    return counts


@task()
def kiosk_wipe_abandoned() -> dict[str, int]:
    """Kiosk visits idle past LUPPA_KIOSK_IDLE_SECONDS, and kiosk cases past 30 days."""
    visits, cases = wipe_kiosk()
    counts = {"deleted": visits + cases, "visits": visits, "cases": cases}
    log.info("job kiosk_wipe_abandoned done", extra={"job": "kiosk_wipe_abandoned", **counts})
    return counts
