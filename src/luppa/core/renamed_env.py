"""Environment variables that were renamed: the new name is read first, the old one still
works for one release so that a deployment's configuration does not break silently.

Pure (no Django): the settings module reads through it; the system check `luppa.W001`
(core.checks) names each old variable still set and the new name to use instead.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

# New prefix → the old one it replaces. A prefix covers every variable that starts with it.
RENAMED_PREFIXES: dict[str, str] = {
    # The officer side has one name (issue 8); these said "staff".
    "LUPPA_OFFICER_OIDC_": "LUPPA_STAFF_OIDC_",
    "LUPPA_OFFICER_SUOMIFI": "LUPPA_STAFF_SUOMIFI",
}


def old_name(name: str) -> str | None:
    """The name `name` had before its rename, or None when it was never renamed."""
    for new, old in RENAMED_PREFIXES.items():
        if name.startswith(new):
            return old + name[len(new) :]
    return None


def new_name(name: str) -> str | None:
    """The name that replaces the old `name`, or None when `name` is not an old name."""
    for new, old in RENAMED_PREFIXES.items():
        if name.startswith(old):
            return new + name[len(old) :]
    return None


def getenv(
    name: str, default: str | None = None, environ: Mapping[str, str] | None = None
) -> str | None:
    """`os.environ.get(name, default)`, falling back to the variable's old name."""
    env = os.environ if environ is None else environ
    if name in env:
        return env[name]
    old = old_name(name)
    if old is not None and old in env:
        return env[old]
    return default


def old_names_set(environ: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(old, new) for every old name set in the environment, sorted by the old name."""
    env = os.environ if environ is None else environ
    found = ((name, new_name(name)) for name in env)
    return sorted((old, new) for old, new in found if new is not None)
