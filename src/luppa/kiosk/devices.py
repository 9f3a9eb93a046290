"""The kiosk's devices, each behind a small interface chosen by dotted path in
settings.KIOSK_DEVICES, with a simulator (simulators.py) that behaves like the device.

The camera is the browser's (getUserMedia); its server side only says which stream to ask
for, and the frames are checked by the photo step. A device failure raises DeviceError with
a key the screen turns into a plain message and a way back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class DeviceError(Exception):
    """A device could not do what was asked: `key` names the situation for the screen
    ("document.absent", "payment.declined", "printer.paper_out", ...)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class DocumentRead:
    """What the reader saw: the printed MRZ (OCR) and the chip's files as read."""

    printed_mrz: str
    data_groups: dict[int, bytes] = field(default_factory=dict)  # number → raw DG bytes
    sod: bytes = b""


class DocumentReader(Protocol):
    def test_documents(self) -> list[tuple[str, str]]:
        """(key, label) of documents a simulator can place on the reader; [] for a real one."""
        ...

    def read(self, choice: str = "") -> DocumentRead: ...


class Camera(Protocol):
    def constraints(self) -> dict[str, Any]:
        """getUserMedia's video constraints for the kiosk's camera."""
        ...


@dataclass(frozen=True)
class Fingerprint:
    finger: str  # "right_index", "left_index"
    image: bytes  # as the scanner gives it (WSQ in production; PNG from the simulator)
    quality: int  # NFIQ-like 1 (best) … 5


class FingerprintScanner(Protocol):
    def capture(self) -> list[Fingerprint]: ...


class FingerprintRegister(Protocol):
    def enrol(self, case_code: str, prints: list[Fingerprint]) -> str:
        """Sends the prints with the case to the register; the register's reference."""
        ...


class PaymentTerminal(Protocol):
    def charge(self, amount_cents: int, reference: str) -> str:
        """Charges the card; the terminal's transaction reference, or DeviceError."""
        ...


class Printer(Protocol):
    def print_pdf(self, title: str, pdf: bytes) -> None: ...


DEFAULTS = {
    "document_reader": "luppa.kiosk.simulators.DocumentReaderSimulator",
    "camera": "luppa.kiosk.simulators.BrowserCamera",
    "fingerprint_scanner": "luppa.kiosk.simulators.FingerprintScannerSimulator",
    "fingerprint_register": "luppa.kiosk.simulators.FingerprintRegisterSimulator",
    "payment_terminal": "luppa.kiosk.simulators.PaymentTerminalSimulator",
    "printer": "luppa.kiosk.simulators.PrinterSimulator",
}


@cache
def _load(path: str) -> Any:
    return import_string(path)()


def device(name: str) -> Any:
    """The configured device `name` (one instance per process)."""
    configured = {**DEFAULTS, **getattr(settings, "KIOSK_DEVICES", {})}
    return _load(configured[name])
