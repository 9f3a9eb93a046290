"""The language of an API response's texts: `?lang=`, else Accept-Language, else Finnish."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.request import Request

from ..quality.messages import LANGUAGES
from .errors import InvalidInput

DEFAULT = "fi"


def request_language(request: Request | HttpRequest) -> str:
    # GET: a DRF Request passes it through to Django's, so plain Django views ask here too.
    requested = request.GET.get("lang")
    if requested is not None:
        lang = requested.strip().lower()
        if lang not in LANGUAGES:
            raise InvalidInput(
                _("Kieltä ei tueta."),
                {
                    "lang": [
                        _("Käytä jotakin näistä: %(choices)s.") % {"choices": ", ".join(LANGUAGES)}
                    ]
                },
            )
        return lang
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        base = code.split("-")[0]
        if base in LANGUAGES:
            return base
    return DEFAULT
