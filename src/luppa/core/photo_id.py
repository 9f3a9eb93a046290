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

from . import refusals
from .errors import Refusal

ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
BODY = 9
LENGTH = BODY + 1


# Characters left out of the alphabet because they look alike, in the groups people confuse.
LOOK_ALIKES = ("0O", "1IL", "5S", "8B", "UV", "2Z")


class InvalidPhotoId(Refusal, ValueError):
    """`typo` is True when the ID has the right shape but a wrong check character.

    Otherwise `character` and `position` (1-based) name the first character that no photo ID
    uses, if any, and `length` says how many characters were typed. A Refusal: its `code`
    ("photo_id.typo", ".look_alike", ".character", ".length") picks the person's text in
    core.refusals; `str()` is a fixed English detail for machine interfaces and logs."""

    def __init__(
        self, typo: bool, character: str = "", position: int = 0, length: int = LENGTH
    ) -> None:
        self.typo = typo
        self.character = character
        self.position = position
        self.length = length
        shown = character if character.isprintable() else "?"
        if typo:
            code, detail = "photo_id.typo", "check character mismatch"
        elif character:
            code = "photo_id.look_alike" if self.look_alikes else "photo_id.character"
            detail = f"character {character!r} at position {position} is not used in photo IDs"
        elif length != LENGTH:
            code, detail = "photo_id.length", f"a photo ID has {LENGTH} characters, not {length}"
        else:
            code, detail = "photo_id.malformed", "malformed photo ID"
        params = {"position": position, "char": shown, "group": "/".join(self.look_alikes)}
        super().__init__(code, "photo_id", {**params, "length": length})
        self.detail = detail

    def __str__(self) -> str:
        return self.detail

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
    """What is wrong with a typed photo ID, in the active language (core.refusals' text)."""
    return refusals.message(error)
