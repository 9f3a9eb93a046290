"""The SAML private keys, read and validated once per key file rather than once per request.

pysaml2 builds a security context for every client and server object, and djangosaml2-style
use makes one per request: each sign-in, assertion and logout read the PEM file again, and
loading an RSA key validates it (cryptography checks its primes), ~50 ms of CPU a time. The
parsed key is immutable and safe to share between threads. The cache is keyed on the file's
modification time, so a key rotated in place is picked up on the next request.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

import saml2.sigver

_read_key = saml2.sigver.import_rsa_key_from_file


@lru_cache(maxsize=16)
def _key(filename: str, mtime_ns: int, size: int) -> Any:
    return _read_key(filename)


def import_rsa_key_from_file(filename: str) -> Any:
    """pysaml2's `import_rsa_key_from_file`, cached per (file, modification time, size)."""
    stat = os.stat(filename)
    return _key(filename, stat.st_mtime_ns, stat.st_size)


def install() -> None:
    """Route pysaml2's key reads through the cache (security_context looks the function up in
    saml2.sigver's namespace at each call)."""
    saml2.sigver.import_rsa_key_from_file = import_rsa_key_from_file
