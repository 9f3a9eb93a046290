"""Encryption of personal data at rest, and keyed hashes for exact lookup.

Values are sealed with AES-256-GCM (`cryptography`) under a key derived with HKDF from a
master key *and a purpose* ("photo", "hetu", "person", "contact", "outbox", ...), so a key
never serves two uses and a value cannot be moved to a column of another purpose (the
purpose is also the GCM associated data). Each value carries the id of the master key that
sealed it: `luppa rotate-keys` re-seals everything under the current key while the service
runs, and every listed key keeps decrypting until then.

Master keys come from settings.DATA_KEYS (LUPPA_DATA_KEYS or LUPPA_DATA_KEY_FILE, see
settings.py); settings.DATA_KEY_ID names the one that seals. Values written before this
scheme (Fernet tokens under LUPPA_DATA_KEY) still decrypt and are re-sealed by rotation.

Formats: `seal()` gives compact binary (magic, key id, nonce, ciphertext) for images and
PDFs; `encrypt()` gives the same as ASCII (`e1.` + base64url), safe for text columns and
sessions. `decrypt()` reads all three.

A HETU is also stored as an HMAC-SHA256 under a separate key, so an exact HETU still finds
its photos without the plaintext being searchable.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

__all__ = [
    "InvalidToken",
    "current_key_id",
    "decrypt",
    "decrypt_text",
    "encrypt",
    "encrypt_text",
    "key_id",
    "keyed_hash",
    "seal",
]

MAGIC = b"\x01L"  # version 1 of the binary form
TEXT_PREFIX = b"e1."
LEGACY = "legacy-fernet"
DEFAULT_PURPOSE = "data"
NONCE = 12


@cache
def _fernet(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"luppa-data-v1").derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


@cache
def _aead(secret: str, kid: str, purpose: str) -> AESGCM:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=kid.encode(), info=f"luppa/{purpose}".encode()
    ).derive(secret.encode())
    return AESGCM(key)


def current_key_id() -> str:
    return settings.DATA_KEY_ID


def _secret(kid: str) -> str:
    try:
        return settings.DATA_KEYS[kid]
    except KeyError:
        raise InvalidToken(f"unknown key id {kid!r}") from None


def seal(data: bytes, purpose: str = DEFAULT_PURPOSE) -> bytes:
    """Binary AES-256-GCM token under the current key."""
    kid = current_key_id()
    nonce = os.urandom(NONCE)
    sealed = _aead(_secret(kid), kid, purpose).encrypt(nonce, bytes(data), purpose.encode())
    return MAGIC + bytes([len(kid)]) + kid.encode() + nonce + sealed


def encrypt(data: bytes, purpose: str = DEFAULT_PURPOSE) -> bytes:
    """The same as seal(), as ASCII bytes (for text columns and the session)."""
    return TEXT_PREFIX + base64.urlsafe_b64encode(seal(data, purpose))


def _binary(token: bytes | memoryview | str) -> bytes:
    raw = token.encode() if isinstance(token, str) else bytes(token)
    if raw.startswith(TEXT_PREFIX):
        try:
            return base64.urlsafe_b64decode(raw[len(TEXT_PREFIX) :])
        except ValueError:
            raise InvalidToken("malformed token") from None
    return raw


def key_id(token: bytes | memoryview | str) -> str:
    """The id of the master key that sealed `token` (LEGACY for Fernet tokens)."""
    raw = _binary(token)
    if not raw.startswith(MAGIC):
        return LEGACY
    return raw[3 : 3 + raw[2]].decode()


def decrypt(token: bytes | memoryview | str, purpose: str = DEFAULT_PURPOSE) -> bytes:
    raw = _binary(token)
    if not raw.startswith(MAGIC):
        return _fernet(settings.DATA_KEY).decrypt(raw)
    length = raw[2]
    kid = raw[3 : 3 + length].decode()
    nonce = raw[3 + length : 3 + length + NONCE]
    try:
        return _aead(_secret(kid), kid, purpose).decrypt(
            nonce, raw[3 + length + NONCE :], purpose.encode()
        )
    except InvalidTag:
        raise InvalidToken(
            "the value does not decrypt (wrong key or purpose, or altered)"
        ) from None


def encrypt_text(text: str, purpose: str = DEFAULT_PURPOSE) -> str:
    return encrypt(text.encode(), purpose).decode()


def decrypt_text(token: str, purpose: str = DEFAULT_PURPOSE) -> str:
    return decrypt(token, purpose).decode()


def keyed_hash(purpose: str, value: str) -> str:
    """HMAC-SHA256 of a normalised value; `purpose` keeps hashes of different uses apart."""
    key = hashlib.sha256(f"{purpose}:{settings.HETU_HASH_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
