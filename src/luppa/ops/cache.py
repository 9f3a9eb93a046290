"""CACHES from one variable: Redis when LUPPA_CACHE_URL names one (production, and any set-up
with more than one process), the local-memory cache otherwise (development, tests).

What lives in the cache must hold across processes and machines: the single-use
identification assertions (and, from the Suomi.fi issue, the SAML replay store), the API
upload throttle. With the local-memory cache they hold inside one process only, so
production refuses to start without a shared cache.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured


def caches(url: str, production: bool) -> dict[str, dict[str, Any]]:
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "luppa",
                "TIMEOUT": 300,
                # A cache that does not answer must fail a request fast, not hang a worker.
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            }
        }
    if url in ("", "locmem://"):
        if production:  # not even when asked for by name: it would hold in one process only
            raise ImproperlyConfigured(
                "LUPPA_CACHE_URL must name a shared cache in production (redis://HOST:6379/0): "
                "single-use assertions and throttles must hold across processes"
            )
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    raise ImproperlyConfigured("LUPPA_CACHE_URL must be redis://..., rediss://... or locmem://")
