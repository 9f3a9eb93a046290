"""Decisions in the domain's words: whose they are, newest first, and what a list of them
loads. The officer's front page ("your latest decisions") and the photo page's decision
history start from these instead of spelling out the filters themselves."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet


class DecisionQuerySet(QuerySet):
    def made_by(self, officer: Any) -> DecisionQuerySet:
        """Decisions an officer made on the officer's page (X-Road decisions have none)."""
        return self.filter(officer=officer)

    def newest_first(self) -> DecisionQuerySet:
        """The latest decision first; two made in the same instant in the order they were
        saved. Said here rather than left to Meta.ordering, which a caller's order_by drops."""
        return self.order_by("-at", "-pk")

    def for_list(self) -> DecisionQuerySet:
        """What a list of decisions shows: the outcome, permit type and time, and its photo's
        ID (joined), nothing of the photo's heavy columns or of the sealed free texts."""
        return self.select_related("photo").only(
            "outcome", "permit_type", "at", "photo", "photo__photo_id"
        )
