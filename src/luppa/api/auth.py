"""`Authorization: Bearer KEY` for the studio API."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from ..accounts.models import ApiKey


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        scheme, _sep, token = header.partition(" ")
        if scheme != self.keyword or not token.strip():
            raise exceptions.AuthenticationFailed(
                _("Käytä otsaketta Authorization: Bearer <API-avain>.")
            )
        key = ApiKey.authenticate(token.strip())
        if key is None:
            raise exceptions.AuthenticationFailed(_("API-avain on virheellinen tai peruttu."))
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
        return (key.account, key)

    def authenticate_header(self, request) -> str:
        return self.keyword
