"""The photo layer's models, laid out per entity after City of Helsinki's
tilavarauspalvelu-core: `photo/` holds the model, its QuerySet in the domain's words, the
actions that change it (record_decision) and the rules they check (validators); `decision/`
holds the officer decisions (their model and their QuerySet, `made_by()`, `newest_first()`,
`for_list()`) and the applications a photo is attached to.

Decision.officer names the officer side's model by the string "review.Officer" instead of
importing it: the officer app sits above the photos (pyproject.toml's layers), and no code in
this layer follows that reference. It keeps the database's foreign key (an officer who has
decided cannot be deleted) and lets the officer side list its own decisions.
"""

from .decision.model import Decision, PhotoUse
from .photo.model import (
    BirthDateHashField,
    NameIndexField,
    Photo,
    PhotoEmbedding,
    PhotoImage,
    birth_date_hash,
)
from .photo.queryset import RETENTION

__all__ = [
    "RETENTION",
    "BirthDateHashField",
    "Decision",
    "NameIndexField",
    "Photo",
    "PhotoEmbedding",
    "PhotoImage",
    "PhotoUse",
    "birth_date_hash",
]
