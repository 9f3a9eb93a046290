"""Test-only key pairs for the local SAML service provider, the fake IdP and the fake OIDC
provider, generated at first use into `var/test-keys/` and never committed.

Production keys come from files named in the environment (see settings and README); the
settings refuse to fall back to these keys in production.
"""

from __future__ import annotations

import datetime
import fcntl
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings


def test_keypair(name: str) -> tuple[Path, Path]:
    """(private key PEM, self-signed certificate PEM) for `name`, made once per var/ folder."""
    folder = Path(settings.VAR_DIR) / "test-keys"
    key_path, cert_path = folder / f"{name}.key", folder / f"{name}.crt"
    if key_path.exists() and cert_path.exists():
        return key_path, cert_path
    folder.mkdir(parents=True, exist_ok=True)
    # Two processes starting at once (the test server and a worker) must agree on one pair.
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (key_path.exists() and cert_path.exists()):
            _generate(name, key_path, cert_path)
    return key_path, cert_path


def _generate(name: str, key_path: Path, cert_path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"luppa TEST ONLY {name}")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    key_path.write_bytes(key_pem)
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
