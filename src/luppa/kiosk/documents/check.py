"""Reading a travel document at the kiosk: the printed MRZ's check digits, passive
authentication of the chip, and DG1 equal to the printed MRZ. Every failure has a key; the
customer is told only to try again (an MRZ misread) or to go to the counter (the chip)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography import x509
from django.conf import settings

from ..devices import DocumentRead
from . import lds, sod
from .mrz import Mrz, MrzError, parse

# Failures the customer can fix by placing the document again; all others go to the counter.
RETRY = ("mrz.format", "mrz.check_digit")


class DocumentRefused(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key

    @property
    def to_counter(self) -> bool:
        return self.key not in RETRY


@dataclass(frozen=True)
class CheckedDocument:
    mrz: Mrz
    face_image: bytes  # DG2's JPEG or JPEG 2000
    signer: str


@cache
def _load_cscas(paths: tuple[str, ...]) -> tuple[x509.Certificate, ...]:
    found: list[x509.Certificate] = []
    for path in paths:
        found.extend(sod.load_certificates(Path(path).read_bytes()))
    return tuple(found)


def trusted_cscas() -> tuple[x509.Certificate, ...]:
    """The CSCA certificates of settings.KIOSK_CSCA_FILES (PEM or DER, a master list's
    certificates exported as PEM in production)."""
    return _load_cscas(tuple(str(p) for p in settings.KIOSK_CSCA_FILES))


def check(read: DocumentRead) -> CheckedDocument:
    try:
        printed = parse(read.printed_mrz)
    except MrzError as exc:
        raise DocumentRefused(exc.key) from None
    if 1 not in read.data_groups or 2 not in read.data_groups or not read.sod:
        raise DocumentRefused("chip.unreadable")
    try:
        verified = sod.verify(read.sod, read.data_groups, trusted_cscas())
    except sod.PassiveAuthFailed as exc:
        raise DocumentRefused(f"chip.{exc.key}") from None
    try:
        chip_mrz = lds.dg1_mrz(read.data_groups[1])
        face = lds.dg2_image(read.data_groups[2])
    except lds.LdsError:
        raise DocumentRefused("chip.unreadable") from None
    if chip_mrz != printed.text:
        raise DocumentRefused("chip.dg1_mismatch")
    return CheckedDocument(mrz=printed, face_image=face, signer=verified.signer)
