"""What every studio API view shares: the key, the account, the language, upload limits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from ..accounts.models import Account
from .auth import ApiKeyAuthentication
from .errors import InvalidInput, PayloadTooLarge
from .language import request_language
from .permissions import HasAccount

# Room for the multipart framing and the text fields around the image.
MULTIPART_OVERHEAD = 64 * 1024
# A field message like any other: in the client's language (English: the earlier fixed text).
NUL_MESSAGE = gettext_lazy("Kenttä ei saa sisältää NUL-merkkejä.")


def refuse_nul(pairs: Iterable[tuple[str, Any]]) -> None:
    """400 for a NUL character in any text field: PostgreSQL cannot store or compare one, so
    it would otherwise surface as a 500 from deep inside a query."""
    bad = {
        name.replace("\x00", "\\0"): [str(NUL_MESSAGE)]
        for name, value in pairs
        if "\x00" in name or (isinstance(value, str) and "\x00" in value)
    }
    if bad:
        raise InvalidInput(_("Virheellisiä tietoja."), bad)


def _pairs(data: Any) -> list[tuple[str, Any]]:
    if hasattr(data, "lists"):  # a QueryDict: every value of a repeated field
        return [(name, value) for name, values in data.lists() for value in values]
    return list(data.items()) if isinstance(data, dict) else []


class StudioView(APIView):
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasAccount]
    renderer_classes = [JSONRenderer]
    lang = "fi"

    @property
    def actor_label(self) -> str:
        """Who acted, for the audit trail: the API key (never its secret)."""
        key = getattr(self.request, "auth", None)
        return f"api-key {getattr(key, 'lookup', '?')}"

    @property
    def account(self) -> Account:
        return self.request.user

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # Studio software often sends odd Accept headers; answer JSON rather than 406.
        return super().perform_content_negotiation(request, force=True)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # The language first: the key check and the throttle below answer in it too.
        self.lang = request_language(request)
        translation.activate(self.lang)
        super().initial(request, *args, **kwargs)
        refuse_nul([*kwargs.items(), *_pairs(request.query_params)])

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        # The language chosen for this response must not outlive it in the thread.
        previous = translation.get_language()
        try:
            response = super().dispatch(request, *args, **kwargs)
        finally:
            if previous:
                translation.activate(previous)
            else:
                translation.deactivate()
        response["Content-Language"] = self.lang
        return response


class UploadThrottle(SimpleRateThrottle):
    """Uploads per API key: every one runs the face models, so one runaway client must not
    starve the others. Counted per process (Django's cache); reads are not limited."""

    scope = "upload"
    rate = getattr(settings, "LUPPA_API_UPLOAD_RATE", "120/min")

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if request.method != "POST" or request.auth is None:
            return None
        return f"luppa-api-upload-{request.auth.lookup}"


class UploadView(StudioView):
    """Refuses a body larger than settings.MAX_UPLOAD_BYTES before it is read or decoded."""

    throttle_classes = [UploadThrottle]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method == "POST":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD:
                raise PayloadTooLarge(
                    _("Pyyntö on liian suuri: enintään %(bytes)s tavua.")
                    % {"bytes": settings.MAX_UPLOAD_BYTES}
                )
            refuse_nul(_pairs(request.data))

    def upload(self, name: str = "image") -> Any:
        """The uploaded file, after refusing one over the limit (413) before decoding it."""
        upload = self.request.FILES.get(name)
        if upload is not None and upload.size > settings.MAX_UPLOAD_BYTES:
            raise PayloadTooLarge(
                _("Tiedosto on liian suuri: enintään %(bytes)s tavua.")
                % {"bytes": settings.MAX_UPLOAD_BYTES}
            )
        return upload
