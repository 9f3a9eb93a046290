"""Finding studios by name, postal code, post office or municipality (manual §8), with the
municipalities' Swedish and Finnish names alike ("Helsingfors" finds Helsinki)."""

from __future__ import annotations

from django.db.models import QuerySet

from ..core.text_search import text_contains
from .models import Studio
from .place_names import other_names

MAX_TERMS = 5


def find_studios(text: str) -> QuerySet[Studio]:
    """Studios of accounts in good standing matching every word of `text`.

    A word of digits matches the start of a postal code ("00" finds 00100); any other word
    matches part of the studio's name, post office or municipality, ignoring case ("hels",
    "Espoo", "Tapiolan"), in either national language ("Esbo" finds Espoo).
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
            match = text_contains("name", term)
            for place in {term, *other_names(term)}:
                match |= text_contains("post_office", place) | text_contains("municipality", place)
            studios = studios.filter(match)
    return studios.order_by("municipality", "name", "pk")
