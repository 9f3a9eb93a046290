"""Importing this package registers every check, in the order reports list them."""

from . import (  # noqa: F401 - imported for their @check registrations
    file_format,
    face,
    position,
    pose,
    expression,
    background,
    lighting,
    image,
    accessories,
)
