"""The customer's identity fields: HETU (personal identity code) and birth date."""

from __future__ import annotations

import datetime as dt

from stdnum.exceptions import ValidationError
from stdnum.fi import hetu as stdnum_hetu

from .crypto import keyed_hash


class InvalidPersonId(ValueError):
    pass


def normalise_hetu(value: str) -> str:
    """A valid HETU in canonical form, 2023 century signs and temporary codes included."""
    try:
        return stdnum_hetu.validate(value, allow_temporary=True)
    except ValidationError as exc:
        raise InvalidPersonId(str(exc)) from None


def hetu_birth_date(hetu: str) -> dt.date:
    return _date_from_hetu(stdnum_hetu.compact(hetu))


def _date_from_hetu(code: str) -> dt.date:
    century = {
        "+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
        "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000,
    }[code[6]]  # fmt: skip
    return dt.date(century + int(code[4:6]), int(code[2:4]), int(code[0:2]))


def hetu_hash(hetu: str) -> str:
    return keyed_hash("hetu", normalise_hetu(hetu))


def parse_birth_date(value: str, today: dt.date | None = None) -> dt.date:
    """DDMMYY (the manual's example: 010170) as the most recent such date not in the future."""
    digits = value.strip().replace(".", "")
    if len(digits) != 6 or not digits.isdigit():
        raise InvalidPersonId("birth date must be DDMMYY")
    today = today or dt.date.today()
    day, month, yy = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    for century in (2000, 1900):
        try:
            date = dt.date(century + yy, month, day)
        except ValueError:
            raise InvalidPersonId("no such date") from None
        if date <= today:
            return date
    raise InvalidPersonId("date in the future")
