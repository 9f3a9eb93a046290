"""Queues the receipt messages for a submitted photo (filled in by the receipt work)."""

from __future__ import annotations


def queue_receipt(photo) -> None:
    return None
