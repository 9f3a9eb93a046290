"""Importing this package registers every check, in the order reports list them.

The order follows the decree's workflow (file, face, position, pose, expression, background,
lighting, technical, accessories); it is spelled out here so that import sorting cannot
change what reports and user interfaces show first.
"""

from importlib import import_module

MODULES = (
    "file_format",
    "face",
    "position",
    "pose",
    "expression",
    "background",
    "lighting",
    "image",
    "accessories",
)

for _name in MODULES:
    import_module(f"{__name__}.{_name}")
