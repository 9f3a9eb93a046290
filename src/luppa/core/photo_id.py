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


class InvalidPhotoId(ValueError):
    """`typo` is True when the ID has the right shape but a wrong check character."""

    def __init__(self, typo: bool) -> None:
        super().__init__("check character mismatch" if typo else "malformed photo ID")
        self.typo = typo


def generate() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY))
    return body + luhn.calc_check_digit(body, alphabet=ALPHABET)


def normalise(value: str) -> str:
    """The canonical ID from what a person typed, or InvalidPhotoId."""
    compact = "".join(ch for ch in value.upper() if ch not in " -\t")
    if len(compact) != LENGTH or any(ch not in ALPHABET for ch in compact):
        raise InvalidPhotoId(typo=False)
    try:
        luhn.validate(compact, alphabet=ALPHABET)
    except ValidationError:
        raise InvalidPhotoId(typo=True) from None
    return compact


def display(photo_id: str) -> str:
    return f"{photo_id[:5]}-{photo_id[5:]}"
