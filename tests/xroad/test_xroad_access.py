"""Who may call the X-Road service: the security server, by source address or by the TLS
client certificate that the proxy in front verified and passed on."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.test import Client

from luppa.accounts.models import Account
from luppa.audit.models import AuditEvent
from luppa.photos import services
from luppa.photos.models import Photo
from luppa.xroad.access import certificate_fingerprint

pytestmark = pytest.mark.django_db

POLICE = "FI/GOV/0245437-2/lupa"
PROXY = "10.0.0.5"


def certificate(name: str) -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )


SECURITY_SERVER = certificate("ss1.poliisi.x-road.fi")
STRANGER = certificate("ss1.example.com")


def fingerprint(cert: x509.Certificate, colons: bool = False) -> str:
    digest = cert.fingerprint(hashes.SHA256()).hex()
    return ":".join(digest[i : i + 2] for i in range(0, 64, 2)).upper() if colons else digest


def escaped_pem(cert: x509.Certificate) -> str:
    """As nginx's $ssl_client_escaped_cert passes it."""
    return quote(cert.public_bytes(serialization.Encoding.PEM).decode(), safe="")


@pytest.fixture
def production_access(settings) -> None:
    """Production: no source address allowed, the proxy passes the certificate."""
    settings.XROAD_SOURCES = []
    settings.XROAD_CERT_HEADER = "X-SSL-Client-Cert"
    settings.XROAD_CERT_PROXIES = [PROXY]
    settings.XROAD_CERT_FINGERPRINTS = [fingerprint(SECURITY_SERVER, colons=True)]


@pytest.fixture
def photo(framed_biden) -> Photo:
    from webtools import PIA, login

    login(Client(), PIA)
    account = Account.objects.get()
    draft = services.create_draft(account, account.photographers.get(), framed_biden.jpeg, {})
    return services.submit(draft)


def fetch(photo: Photo, source: str, cert: str | None = None):
    extra = {"HTTP_X_ROAD_CLIENT": POLICE, "REMOTE_ADDR": source}
    if cert is not None:
        extra["HTTP_X_SSL_CLIENT_CERT"] = cert
    return Client().get(f"/xroad/v1/photos/{photo.photo_id}/image", **extra)


@pytest.mark.usefixtures("production_access")
@pytest.mark.parametrize(
    "passed",
    [
        fingerprint(SECURITY_SERVER),
        fingerprint(SECURITY_SERVER, colons=True),
        escaped_pem(SECURITY_SERVER),
    ],
    ids=["hex", "colons", "escaped-pem"],
)
def test_the_security_server_certificate_passed_by_the_proxy_is_let_in(photo, passed) -> None:
    response = fetch(photo, PROXY, passed)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    event = AuditEvent.objects.get(action="xroad.photo.image")
    assert event.source == PROXY and event.xroad_client == POLICE


@pytest.mark.usefixtures("production_access")
@pytest.mark.parametrize(
    ("source", "cert"),
    [
        (PROXY, None),  # the proxy passed no certificate
        (PROXY, fingerprint(STRANGER)),  # a certificate, but not the security server's
        (PROXY, escaped_pem(STRANGER)),
        (PROXY, "not a certificate"),
        (PROXY, "%2D%2D%2D%2D%2DBEGIN%20CERTIFICATE%2D%2D%2D%2D%2D%0Agarbage"),
        ("10.9.9.9", fingerprint(SECURITY_SERVER)),  # the right header from elsewhere
        ("127.0.0.1", fingerprint(SECURITY_SERVER)),  # loopback is not a source in production
    ],
    # Fixed names: the certificates are made anew in each process (pytest-xdist workers
    # must collect the same test names).
    ids=[
        "no-cert",
        "stranger-hex",
        "stranger-pem",
        "garbage",
        "garbage-pem",
        "elsewhere",
        "loopback",
    ],
)
def test_anyone_else_gets_an_xroad_403_and_nothing_is_shown(photo, source, cert) -> None:
    response = fetch(photo, source, cert)
    assert response.status_code == 403
    assert response.json()["type"] == "Client.Forbidden"
    assert not AuditEvent.objects.filter(action="xroad.photo.image").exists()


def test_configured_source_addresses_still_work_beside_certificates(photo, settings) -> None:
    settings.XROAD_SOURCES = ["192.0.2.0/28"]
    settings.XROAD_CERT_FINGERPRINTS = [fingerprint(SECURITY_SERVER)]
    assert fetch(photo, "192.0.2.7").status_code == 200
    assert fetch(photo, "192.0.2.77").status_code == 403


def test_without_configured_fingerprints_the_header_opens_nothing(photo, settings) -> None:
    settings.XROAD_SOURCES = []
    settings.XROAD_CERT_FINGERPRINTS = []
    assert fetch(photo, "127.0.0.1", fingerprint(SECURITY_SERVER)).status_code == 403


def test_fingerprints_are_read_in_the_forms_proxies_use() -> None:
    expected = fingerprint(SECURITY_SERVER)
    assert certificate_fingerprint(fingerprint(SECURITY_SERVER, colons=True)) == expected
    assert certificate_fingerprint(f"sha256:{expected.upper()}") == expected
    assert certificate_fingerprint(escaped_pem(SECURITY_SERVER)) == expected
    assert certificate_fingerprint("x" * 20_000) == ""
