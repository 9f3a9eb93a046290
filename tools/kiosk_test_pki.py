"""Writes the kiosk document simulator's TEST PKI into src/luppa/kiosk/testpki/: a test
CSCA (self-signed) and a Document Signer issued by it, ECDSA P-256. The keys are public,
committed on purpose, and trusted only where LUPPA_KIOSK_CSCA points at this CSCA (the
development default): never in production.

    .venv/bin/python tools/kiosk_test_pki.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

OUT = Path(__file__).resolve().parents[1] / "src" / "luppa" / "kiosk" / "testpki"
START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FI"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Luppa TEST ONLY"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    csca_key = ec.generate_private_key(ec.SECP256R1())
    csca_name = _name("TEST CSCA (kiosk simulator)")
    csca = (
        x509.CertificateBuilder()
        .subject_name(csca_name)
        .issuer_name(csca_name)
        .public_key(csca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(START)
        .not_valid_after(START + dt.timedelta(days=365 * 20))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(csca_key, hashes.SHA256())
    )
    ds_key = ec.generate_private_key(ec.SECP256R1())
    ds = (
        x509.CertificateBuilder()
        .subject_name(_name("TEST Document Signer (kiosk simulator)"))
        .issuer_name(csca_name)
        .public_key(ds_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(START)
        .not_valid_after(START + dt.timedelta(days=365 * 15))
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(csca_key, hashes.SHA256())
    )
    (OUT / "csca.pem").write_bytes(csca.public_bytes(serialization.Encoding.PEM))
    (OUT / "ds.pem").write_bytes(ds.public_bytes(serialization.Encoding.PEM))
    (OUT / "ds-key.pem").write_bytes(_pem_key(ds_key))
    print(f"wrote {OUT}/csca.pem, ds.pem, ds-key.pem (the CSCA key is not kept)")


if __name__ == "__main__":
    main()
