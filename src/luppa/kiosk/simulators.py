"""Simulators of the kiosk's devices, for development, the demo and the tests.

Each behaves like its device, failures included: the document reader serves test documents
whose chips are signed under the TEST CSCA in testpki/ (and a forged one, one whose chip
signature is broken, one with a wrong check digit, and one of another person); the payment
terminal can decline and the printer run out of paper (`STATE`, toggled by the tests and by
the simulator panel at /kiosk/simulator/ when the simulators are in use).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from mrz.generator.td1 import TD1CodeGenerator
from mrz.generator.td3 import TD3CodeGenerator
from PIL import Image

from .devices import DeviceError, DocumentRead, Fingerprint
from .documents import lds, sod

HERE = Path(__file__).resolve().parent
TEST_PKI = HERE / "testpki"
FACES = HERE / "simulator_faces"


@dataclass
class SimulatorState:
    """What the simulated devices will do next (one process: runserver, the test server)."""

    paper: bool = True
    decline_payment: bool = False
    poor_fingerprints: bool = False
    printed: list[tuple[str, int]] | None = None  # (title, bytes) of the last jobs

    def reset(self) -> None:
        self.paper, self.decline_payment, self.poor_fingerprints = True, False, False
        self.printed = []


STATE = SimulatorState(printed=[])

# The test persons are invented; UTO is ICAO's fictitious state "Utopia".
EXPIRY = (dt.date.today() + dt.timedelta(days=5 * 365)).strftime("%y%m%d")
HOLDER_A = {"surname": "SPECIMEN", "given": "KALLE TESTI", "birth": "740812", "sex": "M"}
HOLDER_B = {"surname": "MALLINEN", "given": "OLLI", "birth": "610804", "sex": "M"}


def _td3(holder: dict[str, str], number: str) -> str:
    return str(
        TD3CodeGenerator(
            "P", "UTO", holder["surname"], holder["given"], number, "UTO",
            holder["birth"], holder["sex"], EXPIRY, "",
        )
    )  # fmt: skip


def _td1(holder: dict[str, str], number: str) -> str:
    return str(
        TD1CodeGenerator(
            "ID", "UTO", number, holder["birth"], holder["sex"], EXPIRY, "UTO",
            holder["surname"], holder["given"],
        )
    )  # fmt: skip


def _wrong_check_digit(mrz: str) -> str:
    # TD3 line 2 position 10 is the document number's check digit.
    lines = mrz.split("\n")
    digit = lines[1][9]
    lines[1] = lines[1][:9] + str((int(digit) + 1) % 10) + lines[1][10:]
    return "\n".join(lines)


@cache
def _signer() -> tuple[Any, x509.Certificate]:
    key = serialization.load_pem_private_key((TEST_PKI / "ds-key.pem").read_bytes(), None)
    cert = x509.load_pem_x509_certificate((TEST_PKI / "ds.pem").read_bytes())
    return key, cert


def _face(name: str) -> bytes:
    return (FACES / name).read_bytes()


def make_document(key: str) -> DocumentRead:
    """The test document `key` as the reader would see it."""
    ds_key, ds_cert = _signer()
    if key == "td1":
        printed = _td1(HOLDER_A, "D23145890")
    elif key == "other_person":
        printed = _td3(HOLDER_B, "X12345673")
    else:
        printed = _td3(HOLDER_A, "L898902C3")
    face = _face("holder-b.jpg" if key == "other_person" else "holder-a.jpg")
    groups = {1: lds.dg1(printed), 2: lds.dg2(face)}
    if key == "bad_signature":
        # Signed by a key that is not the Document Signer's, under its certificate.
        ds_key = ec.generate_private_key(ec.SECP256R1())
    signed = sod.sign(groups, ds_key, ds_cert)
    if key == "forged_photo":
        # The photo on the chip swapped for another person's: DG2's hash no longer matches.
        groups[2] = lds.dg2(_face("holder-b.jpg"))
    elif key == "check_digit":
        printed = _wrong_check_digit(printed)
    return DocumentRead(printed_mrz=printed, data_groups=groups, sod=signed)


DOCUMENTS = (
    ("passport", "TD3 passport, Kalle Testi Specimen"),
    ("td1", "TD1 identity card, Kalle Testi Specimen"),
    ("other_person", "TD3 passport of another person (Olli Mallinen)"),
    ("forged_photo", "TD3 passport, forged: photo on the chip replaced"),
    ("bad_signature", "TD3 passport, chip signature broken"),
    ("check_digit", "TD3 passport, wrong check digit in the MRZ"),
)


class DocumentReaderSimulator:
    def test_documents(self) -> list[tuple[str, str]]:
        return list(DOCUMENTS)

    def read(self, choice: str = "") -> DocumentRead:
        if choice not in dict(DOCUMENTS):
            raise DeviceError("document.absent")
        return make_document(choice)


class BrowserCamera:
    """The kiosk's camera is the browser's; a portrait-friendly HD stream."""

    def constraints(self) -> dict[str, Any]:
        return {"width": {"ideal": 1280}, "height": {"ideal": 720}, "facingMode": "user"}


def _ridges(seed: int) -> bytes:
    """A synthetic fingerprint-like image (concentric ridges), PNG."""
    y, x = np.mgrid[0:256, 0:256].astype(np.float32)
    r = np.hypot(x - 128 - seed % 17, (y - 140) * 1.3)
    pixels = (127 + 120 * np.sin(r / 3.2 + seed)).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels, "L").save(out, "PNG")
    return out.getvalue()


class FingerprintScannerSimulator:
    def capture(self) -> list[Fingerprint]:
        if STATE.poor_fingerprints:
            raise DeviceError("fingerprints.poor")
        return [Fingerprint(f, _ridges(i), 2) for i, f in enumerate(("right_index", "left_index"))]


class FingerprintRegisterSimulator:
    """Keeps only the references it handed out: the kiosk never matches prints itself."""

    _counter = itertools.count(1)

    def __init__(self) -> None:
        self.enrolled: dict[str, str] = {}

    def enrol(self, case_code: str, prints: list[Fingerprint]) -> str:
        if not prints:
            raise DeviceError("fingerprints.none")
        reference = f"SIM-FP-{next(self._counter):06d}"
        self.enrolled[reference] = case_code
        return reference


class PaymentTerminalSimulator:
    def charge(self, amount_cents: int, reference: str) -> str:
        if STATE.decline_payment:
            raise DeviceError("payment.declined")
        return f"SIM-PAY-{secrets.token_hex(4).upper()}"


class PrinterSimulator:
    def print_pdf(self, title: str, pdf: bytes) -> None:
        if not STATE.paper:
            raise DeviceError("printer.paper_out")
        if not pdf.startswith(b"%PDF"):
            raise DeviceError("printer.bad_job")
        STATE.printed = [*(STATE.printed or []), (title, len(pdf))][-10:]
