"""API errors as JSON with a stable shape; never a traceback.

Every error body is `{"error": "..."}`; invalid input adds `"fields": {"name": ["...", ...]}`
(400). Field messages come from the same forms as the web pages, in the request's language
where a translation exists. A refusal by one of the service's rules (core.errors.Refusal:
a suspended account, the upload policy, a photo that fails an objective requirement) adds
its stable `"code"`, and its `error` text is the pages' own, in the request's language
(core.refusals). The protocol's own errors (key, size, parsing, paging, conflicts) are in
that language too (api.base activates it before the key is checked), so one answer
speaks one language; the status and, where there is one, the `code` are for machines.
"""

from __future__ import annotations

import logging
from typing import Any

from django import forms
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler
from rest_framework.views import set_rollback

from ..core import refusals
from ..core.errors import Refusal

logger = logging.getLogger(__name__)

FieldErrors = dict[str, list[str]]


class InvalidInput(exceptions.APIException):
    """400 with a message and per-field messages; `extra` adds context such as a report."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = gettext_lazy("Virheellisiä tietoja.")

    def __init__(self, message: str = "", fields: FieldErrors | None = None, **extra: Any) -> None:
        message = message or _("Virheellisiä tietoja.")
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        self.extra = extra


class Refused(exceptions.APIException):
    """A rule said no: `{"error": its text in the request's language, "code": its code}`."""

    def __init__(self, refusal: Refusal, status_code: int) -> None:
        super().__init__(refusals.message(refusal))
        self.status_code = status_code
        self.refusal_code = refusal.code


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("Pyyntö on liian suuri.")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("Ristiriita aiemman pyynnön kanssa.")


class Unavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = gettext_lazy("Palvelu ei ole juuri nyt käytettävissä. Yritä uudelleen.")


def form_errors(*bound_forms: forms.Form) -> FieldErrors:
    """The forms' errors keyed by field; a form-wide error goes under `non_field_errors`."""
    result: FieldErrors = {}
    for form in bound_forms:
        for name, errors in form.errors.items():
            key = "non_field_errors" if name == forms.forms.NON_FIELD_ERRORS else name
            result.setdefault(key, []).extend(str(e) for e in errors)
    return result


def _flatten(detail: Any, prefix: str = "") -> FieldErrors:
    if isinstance(detail, dict):
        result: FieldErrors = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in _flatten(value, name).items():
                result.setdefault(field, []).extend(messages)
        return result
    if isinstance(detail, list | tuple):
        if all(not isinstance(item, dict | list) for item in detail):
            return {prefix or "non_field_errors": [str(item) for item in detail]}
        result = {}
        for index, item in enumerate(detail):
            name = f"{prefix}.{index}" if prefix else str(index)
            for field, messages in _flatten(item, name).items():
                result.setdefault(field, []).extend(messages)
        return result
    return {prefix or "non_field_errors": [str(detail)]}


def _django_exception(exc: Exception) -> exceptions.APIException | None:
    # Django raises these while parsing an oversized or hostile body, before any view code.
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return exceptions.ParseError(_("Pyynnössä on liikaa kenttiä tai tiedostoja."))
    if isinstance(exc, SuspiciousOperation):
        return exceptions.ParseError(_("Virheellinen pyyntö."))
    return None


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    exc = _django_exception(exc) or exc
    if isinstance(exc, InvalidInput):
        body: dict[str, Any] = {"error": exc.message}
        if exc.fields:
            body["fields"] = exc.fields
        body.update(exc.extra)
        return Response(body, status=exc.status_code)
    if isinstance(exc, Refused):
        return Response(
            {"error": str(exc.detail), "code": exc.refusal_code}, status=exc.status_code
        )
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        message = "; ".join(fields.pop("non_field_errors", [])) or _("Virheellisiä tietoja.")
        body = {"error": message, "fields": fields} if fields else {"error": message}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    response = drf_handler(exc, context)
    if response is None:
        # A bug, not bad input: log where it happened (never the request body, which may hold
        # a HETU) and answer in the API's own shape.
        view = context.get("view")
        logger.exception("unhandled error in %s", type(view).__name__ if view else "API view")
        set_rollback()
        return Response(
            {"error": _("Sisäinen virhe.")}, status=status.HTTP_500_INTERNAL_SERVER_ERROR
        )
    if isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"error": str(response.data["detail"])}
    return response
