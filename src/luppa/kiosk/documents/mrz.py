"""The printed machine-readable zone: TD3 (passport, 2×44) and TD1 (identity card, 3×30),
parsed and its check digits verified with the `mrz` library."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mrz.checker.td1 import TD1CodeChecker
from mrz.checker.td3 import TD3CodeChecker


class MrzError(ValueError):
    """The MRZ cannot be read or a check digit is wrong: `key` for the screen and the log."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Mrz:
    kind: str  # "TD3" or "TD1"
    text: str  # the lines joined, without newlines
    document_type: str
    issuing_state: str
    document_number: str
    surname: str
    given_names: str
    nationality: str
    birth_date: dt.date | None
    sex: str
    expiry_date: dt.date | None


def _date(yymmdd: str, past: bool) -> dt.date | None:
    try:
        year, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    except ValueError:
        return None
    this_year = dt.date.today().year % 100
    # A birth date is in the past; an expiry date within the next twenty years.
    century = 1900 if (past and year > this_year) or (not past and year > this_year + 20) else 2000
    try:
        return dt.date(century + year, month, day)
    except ValueError:
        return None


def parse(text: str) -> Mrz:
    lines = [line.strip() for line in text.strip().upper().splitlines() if line.strip()]
    joined = "".join(lines)
    if len(lines) == 2 and all(len(line) == 44 for line in lines):
        kind, checker = "TD3", TD3CodeChecker("\n".join(lines), check_expiry=False)
    elif len(lines) == 3 and all(len(line) == 30 for line in lines):
        kind, checker = "TD1", TD1CodeChecker("\n".join(lines), check_expiry=False)
    else:
        raise MrzError("mrz.format")
    if not checker._all_hashes():
        raise MrzError("mrz.check_digit")
    fields = checker.fields()
    return Mrz(
        kind=kind,
        text=joined,
        document_type=fields.document_type,
        issuing_state=fields.country,
        document_number=fields.document_number,
        surname=fields.surname,
        given_names=fields.name,
        nationality=fields.nationality,
        birth_date=_date(fields.birth_date, past=True),
        sex=fields.sex,
        expiry_date=_date(fields.expiry_date, past=False),
    )
