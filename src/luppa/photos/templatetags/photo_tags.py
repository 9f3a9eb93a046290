from django import template

from ...decree.reasons import label

register = template.Library()


@register.filter
def reason_label(code: str) -> str:
    """A rejection reason's name in the current language (codes are what is stored)."""
    return label(code)


@register.filter
def get_item(mapping: dict | None, key: object) -> object:
    """mapping[key], or None: for dictionaries keyed by numbers, which templates cannot do."""
    return (mapping or {}).get(key)
