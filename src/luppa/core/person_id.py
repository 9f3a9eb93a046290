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


CENTURY_SIGNS = {
    "+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
    "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000,
}  # fmt: skip


def _date_from_hetu(code: str) -> dt.date:
    century = CENTURY_SIGNS[code[6]]
    return dt.date(century + int(code[4:6]), int(code[2:4]), int(code[0:2]))


def hetu_hash(hetu: str) -> str:
    return keyed_hash("hetu", normalise_hetu(hetu))


def parse_birth_date(value: str, today: dt.date | None = None) -> dt.date:
    """A birth date as a customer or officer types it.

    - DDMMYY followed by the HETU's century sign (`010125-` is 1925, `010125A` is 2025),
      or with the full year (01011925): exactly that date;
    - DDMMYY alone (the manual's example: 010170): the most recent such date not in the
      future, so 010125 is 2025 and 111111 is 2011. A search by six digits matches either
      century (`same_day_other_centuries`), and the form says which century it stored.
    """
    text = value.strip().upper()
    today = today or dt.date.today()
    digits = text.replace(".", "")
    if len(digits) == 7 and digits[:6].isdigit() and digits[6] in CENTURY_SIGNS:
        century = CENTURY_SIGNS[digits[6]]
        return _checked(century + int(digits[4:6]), int(digits[2:4]), int(digits[:2]), today)
    if len(digits) == 8 and digits.isdigit():
        return _checked(int(digits[4:]), int(digits[2:4]), int(digits[:2]), today)
    if len(digits) != 6 or not digits.isdigit():
        raise InvalidPersonId("birth date must be DDMMYY")
    day, month, yy = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    for century in (2000, 1900):
        try:
            date = dt.date(century + yy, month, day)
        except ValueError:
            raise InvalidPersonId("no such date") from None
        if date <= today:
            return date
    raise InvalidPersonId("date in the future")


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


def has_century(value: str) -> bool:
    """Whether the typed birth date names its century (a sign or a four-digit year)."""
    return len(value.strip().replace(".", "")) != 6


def _checked(year: int, month: int, day: int, today: dt.date) -> dt.date:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise InvalidPersonId("no such date") from None
    if date > today:
        raise InvalidPersonId("date in the future")
    return date


def same_day_other_centuries(date: dt.date) -> list[dt.date]:
    """The date and the same DDMMYY a century earlier and later (29 Feb may not exist)."""
    found = []
    for year in (date.year - 100, date.year, date.year + 100):
        try:
            found.append(date.replace(year=year))
        except ValueError:
            continue
    return found
