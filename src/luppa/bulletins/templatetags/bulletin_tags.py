"""Bulletins on pages whose views belong to other apps: the login page and the front page."""

from __future__ import annotations

from django import template
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import get_language

from ..models import Bulletin
from ..services import login_notices, unread_for

register = template.Library()


@register.simple_tag
def service_break_notices() -> list[Bulletin]:
    return list(login_notices())


@register.simple_tag
def unread_bulletins_of(user: AbstractBaseUser | AnonymousUser) -> list[Bulletin]:
    if not user.is_authenticated:
        return []
    return list(unread_for(user))


@register.filter
def text_lang(bulletin: Bulletin) -> str:
    """The language of the text `.title`/`.body` show: the page's, or Finnish as fallback."""
    lang = (get_language() or "fi")[:2]
    if lang in ("sv", "en") and getattr(bulletin, f"title_{lang}", ""):
        return lang
    return "fi"
