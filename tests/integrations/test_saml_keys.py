"""pysaml2 reads the SAML private key once per key file, and again when the file changes."""

from __future__ import annotations

import os
import shutil

import saml2.sigver
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from luppa.integrations import saml_keys, suomifi


def _write_key(path) -> int:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    return key.private_numbers().public_numbers.n


def test_the_key_is_read_once_and_again_after_a_rotation(tmp_path):
    # Loading the service provider routes pysaml2's key reads through the cache.
    assert (
        suomifi.Saml2Client
        and saml2.sigver.import_rsa_key_from_file is saml_keys.import_rsa_key_from_file
    )
    path = tmp_path / "sp.key"
    first = _write_key(path)
    key = saml2.sigver.import_rsa_key_from_file(str(path))
    assert key.public_key().public_numbers().n == first
    assert saml2.sigver.import_rsa_key_from_file(str(path)) is key  # no second parse
    # A new key put in place (as an operator rotates it) is used on the next request.
    new = tmp_path / "new.key"
    second = _write_key(new)
    shutil.copyfile(new, path)
    os.utime(path, ns=(1, 1))  # a different modification time even within one clock tick
    rotated = saml2.sigver.import_rsa_key_from_file(str(path))
    assert rotated.public_key().public_numbers().n == second
