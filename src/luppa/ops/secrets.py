"""Production secrets are validated when the settings load: a weak or reused key refuses to
start, with a message naming the variable (never its value)."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from ..core import renamed_env

# The secret key signs sessions and the identification assertions: 50 characters of
# urlsafe base64 (`secrets.token_urlsafe(48)`) carry well over 32 random bytes, and Django's
# own deployment check asks for at least 50 characters.
MIN_SECRET_KEY_CHARS = 50
# The data key and the HETU hash key: at least 32 random bytes, e.g. token_urlsafe(32).
MIN_KEY_CHARS = 43
MIN_DISTINCT_CHARS = 16
GENERATE = 'python3 -c "import secrets; print(secrets.token_urlsafe(48))"'


def _weak(value: str, minimum: int) -> bool:
    return len(value) < minimum or len(set(value)) < MIN_DISTINCT_CHARS or "dev-only" in value


def validate(secret_key: str, data_key: str, hetu_hash_key: str) -> None:
    """Raises ImproperlyConfigured unless the three production keys are strong and distinct."""
    problems = []
    if _weak(secret_key, MIN_SECRET_KEY_CHARS):
        problems.append(
            f"LUPPA_SECRET_KEY must be at least {MIN_SECRET_KEY_CHARS} random characters"
        )
    for name, value in (("LUPPA_DATA_KEY", data_key), ("LUPPA_HETU_HASH_KEY", hetu_hash_key)):
        if _weak(value, MIN_KEY_CHARS):
            problems.append(f"{name} must be at least 32 random bytes ({MIN_KEY_CHARS} characters)")
    if data_key == hetu_hash_key:
        problems.append("LUPPA_DATA_KEY and LUPPA_HETU_HASH_KEY must differ")
    if secret_key in (data_key, hetu_hash_key):
        problems.append("LUPPA_SECRET_KEY must differ from the data and hash keys")
    if problems:
        raise ImproperlyConfigured(
            "refusing to start: " + "; ".join(problems) + f". Generate one with: {GENERATE}"
        )


def env_secret(name: str, production: bool, dev_default: str) -> str:
    value = renamed_env.getenv(name)  # a renamed secret is still read by its old name
    if value:
        return value
    if production:
        raise ImproperlyConfigured(f"{name} must be set in production")
    return dev_default
