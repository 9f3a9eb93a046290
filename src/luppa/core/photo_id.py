"""Photo IDs: 10 characters, random, typeable, with a check character that catches typos.

Nine random characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 8/B, U/V,
2/Z) and a Luhn mod N check character (python-stdnum): every single-character typo and
almost every swap of neighbours is caught. 23**9 is about 1.8e12 IDs, drawn with `secrets`.
Shown in two groups of five ("K7QX3-MRDW9"); entry ignores case, spaces and hyphens.
"""

from __future__ import annotations

import secrets

from stdnum import luhn
from stdnum.exceptions import ValidationError

ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
BODY = 9
LENGTH = BODY + 1


# Characters left out of the alphabet because they look alike, in the groups people confuse.
LOOK_ALIKES = ("0O", "1IL", "5S", "8B", "UV", "2Z")


class InvalidPhotoId(ValueError):
    """`typo` is True when the ID has the right shape but a wrong check character.

    Otherwise `character` and `position` (1-based) name the first character that no photo ID
    uses, if any, and `length` says how many characters were typed."""

    def __init__(
        self, typo: bool, character: str = "", position: int = 0, length: int = LENGTH
    ) -> None:
        if typo:
            text = "check character mismatch"
        elif character:
            text = f"character {character!r} at position {position} is not used in photo IDs"
        elif length != LENGTH:
            text = f"a photo ID has {LENGTH} characters, not {length}"
        else:
            text = "malformed photo ID"
        super().__init__(text)
        self.typo = typo
        self.character = character
        self.position = position
        self.length = length

    @property
    def look_alikes(self) -> str:
        """The unused characters confused with `character` ("0O" for "0"), or ""."""
        return next((g for g in LOOK_ALIKES if self.character in g), "") if self.character else ""


def generate() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY))
    return body + luhn.calc_check_digit(body, alphabet=ALPHABET)


def normalise(value: str) -> str:
    """The canonical ID from what a person typed, or InvalidPhotoId."""
    compact = "".join(ch for ch in value.upper() if ch not in " -\t")
    for position, ch in enumerate(compact, start=1):
        if ch not in ALPHABET:
            raise InvalidPhotoId(typo=False, character=ch, position=position, length=len(compact))
    if len(compact) != LENGTH:
        raise InvalidPhotoId(typo=False, length=len(compact))
    try:
        luhn.validate(compact, alphabet=ALPHABET)
    except ValidationError:
        raise InvalidPhotoId(typo=True) from None
    return compact


def display(photo_id: str) -> str:
    return f"{photo_id[:5]}-{photo_id[5:]}"


def explain(error: InvalidPhotoId) -> str:
    """What is wrong with a typed photo ID, in the active language, for a form's error."""
    from django.utils.translation import gettext as _

    if error.typo:
        return _("Kuvatunnuksen tarkiste ei täsmää – tarkista tunnus")
    if error.character:
        shown = error.character if error.character.isprintable() else "?"
        others = [c for c in error.look_alikes if c != error.character]
        if others:
            return _(
                "Kuvatunnuksen %(position)s. merkki on ”%(char)s”, mutta kuvatunnuksissa ei "
                "käytetä merkkejä %(group)s, koska ne sekoittuvat toisiinsa. Tarkista merkki "
                "kuitista."
            ) % {
                "position": error.position,
                "char": shown,
                "group": "/".join(error.look_alikes),
            }
        return _(
            "Kuvatunnuksen %(position)s. merkki ”%(char)s” ei kuulu kuvatunnukseen. Tunnuksessa "
            "on vain numeroita ja kirjaimia, esimerkiksi K7QX3-MRDWY."
        ) % {"position": error.position, "char": shown}
    return _("Kuvatunnus on 10 merkkiä, esimerkiksi K7QX3-MRDWY; annoit %(length)s merkkiä.") % {
        "length": error.length
    }
