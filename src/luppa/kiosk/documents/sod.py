"""The Document Security Object (SOD): signed by a Document Signer, and checked by passive
authentication (ICAO Doc 9303 part 11, 5.1) against the configured CSCA certificates.

Verification order: the CMS structure, the signed attributes' message digest over the
LDSSecurityObject, the Document Signer's signature over the signed attributes, the DS
certificate issued by one of the trusted CSCAs (and valid now), then each data group's hash.
Signing (`sign`) is used by the document simulator and the tests only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from . import lds

_HASHES = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256,
           "sha384": hashes.SHA384, "sha512": hashes.SHA512}  # fmt: skip


class PassiveAuthFailed(Exception):
    """The chip does not verify; `key` says which step failed (never shown to the customer:
    the kiosk says only that the document must be checked at the counter)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Verified:
    signer: str  # the DS certificate's subject, for the audit trail
    data_groups: tuple[int, ...]


def _digest(name: str, data: bytes) -> bytes:
    return hashlib.new(name, data).digest()


def _signed_attrs_der(signer_info: cms.SignerInfo) -> bytes:
    # The signature covers the attributes as an explicit SET OF, not the [0] IMPLICIT form.
    data = signer_info["signed_attrs"].dump()
    return b"\x31" + data[1:]


def sign(
    data_groups: dict[int, bytes],
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey,
    certificate: x509.Certificate,
    algorithm: str = "sha256",
) -> bytes:
    """An SOD (tag 77) over `data_groups`' hashes, signed with the Document Signer's key."""
    content = lds.security_object({n: _digest(algorithm, dg) for n, dg in data_groups.items()})
    attrs = cms.CMSAttributes(
        [
            {"type": "content_type", "values": [lds.LDS_SECURITY_OBJECT_OID]},
            {"type": "message_digest", "values": [_digest(algorithm, content)]},
        ]
    )
    to_sign = b"\x31" + attrs.dump()[1:]
    if isinstance(key, ec.EllipticCurvePrivateKey):
        signature = key.sign(to_sign, ec.ECDSA(_HASHES[algorithm]()))
        sig_algo = f"{algorithm}_ecdsa"
    else:
        signature = key.sign(to_sign, padding.PKCS1v15(), _HASHES[algorithm]())
        sig_algo = f"{algorithm}_rsa"
    cert = asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": algorithm}],
            "encap_content_info": {
                "content_type": lds.LDS_SECURITY_OBJECT_OID,
                "content": content,
            },
            "certificates": [cert],
            "signer_infos": [
                {
                    "version": "v1",
                    "sid": cms.SignerIdentifier(
                        {
                            "issuer_and_serial_number": {
                                "issuer": cert.issuer,
                                "serial_number": cert.serial_number,
                            }
                        }
                    ),
                    "digest_algorithm": {"algorithm": algorithm},
                    "signed_attrs": attrs,
                    "signature_algorithm": {"algorithm": sig_algo},
                    "signature": signature,
                }
            ],
        }
    )
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed})
    return lds.tlv(0x77, info.dump())


def _verify_signature(public_key: object, signature: bytes, data: bytes, algo: str, digest: str):
    hash_cls = _HASHES.get(digest)
    if hash_cls is None:
        raise PassiveAuthFailed("sod.algorithm")
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        public_key.verify(signature, data, ec.ECDSA(hash_cls()))
    elif isinstance(public_key, rsa.RSAPublicKey):
        if "pss" in algo:
            pss = padding.PSS(mgf=padding.MGF1(hash_cls()), salt_length=padding.PSS.AUTO)
            public_key.verify(signature, data, pss, hash_cls())
        else:
            public_key.verify(signature, data, padding.PKCS1v15(), hash_cls())
    else:
        raise PassiveAuthFailed("sod.algorithm")


def _trusted(ds: x509.Certificate, cscas: Iterable[x509.Certificate], now: dt.datetime) -> bool:
    if not ds.not_valid_before_utc <= now <= ds.not_valid_after_utc:
        return False
    for csca in cscas:
        if csca.subject != ds.issuer or not (
            csca.not_valid_before_utc <= now <= csca.not_valid_after_utc
        ):
            continue
        try:
            ds.verify_directly_issued_by(csca)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return True
    return False


def verify(
    sod: bytes,
    data_groups: dict[int, bytes],
    cscas: Iterable[x509.Certificate],
    now: dt.datetime | None = None,
) -> Verified:
    """Passive authentication of `data_groups` (number → raw bytes as read from the chip).
    Every data group read must be in the SOD with a matching hash."""
    now = now or dt.datetime.now(dt.UTC)
    try:
        tag, value, _ = lds.read_tlv(sod)
        if tag != 0x77:
            raise PassiveAuthFailed("sod.unreadable")
        info = cms.ContentInfo.load(value)
        if info["content_type"].native != "signed_data":
            raise PassiveAuthFailed("sod.unreadable")
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != lds.LDS_SECURITY_OBJECT_OID:
            raise PassiveAuthFailed("sod.unreadable")
        content = encap["content"].native
        signer = signed["signer_infos"][0]
        certs = [c.chosen for c in signed["certificates"]]
        if not certs:
            raise PassiveAuthFailed("sod.no_signer")
        ds = x509.load_der_x509_certificate(certs[0].dump())
        digest = signer["digest_algorithm"]["algorithm"].native
        attrs = {a["type"].native: a["values"] for a in signer["signed_attrs"]}
        signed_digest = attrs["message_digest"][0].native
        sig_algo = signer["signature_algorithm"]["algorithm"].native
        signature = signer["signature"].native
        to_check = _signed_attrs_der(signer)
    except PassiveAuthFailed:
        raise
    except (ValueError, TypeError, KeyError, IndexError, lds.LdsError):
        raise PassiveAuthFailed("sod.unreadable") from None
    if digest not in _HASHES or signed_digest != _digest(digest, content):
        raise PassiveAuthFailed("sod.content_digest")
    try:
        _verify_signature(ds.public_key(), signature, to_check, sig_algo, digest)
    except (InvalidSignature, ValueError):
        raise PassiveAuthFailed("sod.signature") from None
    if not _trusted(ds, cscas, now):
        raise PassiveAuthFailed("sod.untrusted_signer")
    try:
        algorithm, hashes_in_sod = lds.parse_security_object(content)
    except lds.LdsError:
        raise PassiveAuthFailed("sod.unreadable") from None
    if algorithm not in _HASHES:
        raise PassiveAuthFailed("sod.algorithm")
    for number, data in sorted(data_groups.items()):
        if hashes_in_sod.get(number) != _digest(algorithm, data):
            raise PassiveAuthFailed(f"dg{number}.hash")
    return Verified(signer=ds.subject.rfc4514_string(), data_groups=tuple(sorted(data_groups)))


def load_certificates(pem_or_der: bytes) -> list[x509.Certificate]:
    if b"-----BEGIN" in pem_or_der:
        return x509.load_pem_x509_certificates(pem_or_der)
    return [x509.load_der_x509_certificate(pem_or_der)]
