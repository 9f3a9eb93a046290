"""Finding studios by postal code, post office or municipality (manual §8)."""

from __future__ import annotations

from django.db.models import QuerySet

from ..core.text_search import text_contains
from .models import Studio

MAX_TERMS = 5


def find_studios(text: str) -> QuerySet[Studio]:
    """Studios of accounts in good standing matching every word of `text`.

    A word of digits matches the start of a postal code ("00" finds 00100); any other word
    matches part of the post office or municipality, ignoring case ("hels", "Espoo").
    Empty text finds nothing: the directory is searched, not listed.
    """
    terms = text.replace(",", " ").split()[:MAX_TERMS]
    if not terms:
        return Studio.objects.none()
    studios = Studio.objects.filter(account__suspended_at__isnull=True)
    for term in terms:
        if term.isdigit():
            studios = studios.filter(postal_code__startswith=term)
        else:
            studios = studios.filter(
                text_contains("post_office", term) | text_contains("municipality", term)
            )
    return studios.order_by("municipality", "name", "pk")
