"""System checks (`luppa check`, run by `migrate` and `runserver` too)."""

from __future__ import annotations

import os

from django.core.checks import CheckMessage, Tags, Warning, register

from .renamed_env import old_names_set


@register(Tags.compatibility)
def renamed_environment_variables(app_configs=None, **kwargs) -> list[CheckMessage]:
    """An old variable name still works for one release; say which new name replaces it."""
    warnings = []
    for old, new in old_names_set(os.environ):
        if new in os.environ:
            hint = f"Remove {old}: {new} is set and wins."
        else:
            hint = f"Rename it to {new}; the old name stops working in the next release."
        message = f"{old} is a renamed environment variable: its new name is {new}."
        warnings.append(Warning(message, hint=hint, id="luppa.W001"))
    return warnings
