"""Encryption of personal data at rest, and keyed hashes for exact lookup.

Photos and HETUs are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`)
under a key derived from settings.DATA_KEY, so a database dump alone reveals neither. A HETU
is also stored as an HMAC-SHA256 under a separate key, so an exact HETU still finds its
photos without the plaintext being searchable.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

__all__ = ["InvalidToken", "decrypt", "encrypt", "keyed_hash"]


@cache
def _fernet(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"luppa-data-v1").derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(data: bytes) -> bytes:
    return _fernet(settings.DATA_KEY).encrypt(data)


def decrypt(token: bytes) -> bytes:
    return _fernet(settings.DATA_KEY).decrypt(bytes(token))


def keyed_hash(purpose: str, value: str) -> str:
    """HMAC-SHA256 of a normalised value; `purpose` keeps hashes of different uses apart."""
    key = hashlib.sha256(f"{purpose}:{settings.HETU_HASH_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
