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


CENTURY_SIGNS = "+-YXWVUABCDEF"
CONTROL_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def explain_hetu(value: str) -> str:
    """Why `value` is not a valid HETU, in the active language, naming the part that is wrong
    (length, birth date, century sign, individual number or check character)."""
    from django.utils.translation import gettext as _

    code = stdnum_hetu.compact(value)
    if len(code) != 11:
        return _(
            "Henkilötunnuksessa on 11 merkkiä: syntymäaika PPKKVV, vuosisatamerkki, "
            "yksilönumero ja tarkistusmerkki; annoit %(n)s merkkiä."
        ) % {"n": len(code)}
    if not code[:6].isdigit():
        return _("Henkilötunnuksen kuusi ensimmäistä merkkiä ovat syntymäaika numeroina (PPKKVV).")
    if code[6] not in CENTURY_SIGNS:
        return _(
            "Henkilötunnuksen 7. merkki ”%(sign)s” ei ole vuosisatamerkki: 1900-luvulla "
            "syntyneillä se on - tai Y, X, W, V, U, 2000-luvulla A, B, C, D, E tai F."
        ) % {"sign": code[6]}
    try:
        _date_from_hetu(code)
    except ValueError:
        return _("Henkilötunnuksen alussa oleva syntymäaika %(date)s ei ole oikea päivämäärä.") % {
            "date": f"{code[0:2]}.{code[2:4]}.{code[4:6]}"
        }
    if not code[7:10].isdigit() or int(code[7:10]) < 2:
        return _("Henkilötunnuksen merkit 8–10 ovat yksilönumero 002–999.")
    if code[10] not in CONTROL_CHARACTERS:
        return _("Henkilötunnuksen viimeinen merkki ”%(char)s” ei voi olla tarkistusmerkki.") % {
            "char": code[10]
        }
    return _(
        "Henkilötunnuksen tarkistusmerkki (viimeinen merkki) ei täsmää muihin merkkeihin: "
        "jokin merkeistä on kirjoitettu väärin."
    )
