"""Every threshold of the checks in one table (thresholds.toml), with the reason for each
value, overridable by a deployment's own file, as OFIQ keeps its limits in ofiq_config.jaxn.

    LUPPA_QUALITY_CONFIG=/etc/luppa/quality.toml

The override file uses the same sections and names and gives plain values:

    [lighting]
    max_side_diff = 0.4

A name the table does not know, or a value that is not a number, stops the start-up with a
message naming it: a misspelt override must not be silently ignored. The values are read
once, when the checks are imported.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULTS = Path(__file__).with_name("thresholds.toml")
ENV = "LUPPA_QUALITY_CONFIG"


@dataclass(frozen=True)
class Threshold:
    name: str  # "<check module>.<name>", e.g. "lighting.max_side_diff"
    value: float
    reason: str
    overridden: bool = False


class ThresholdConfigError(ValueError):
    """The deployment's threshold file names an unknown threshold or gives a non-number."""


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ThresholdConfigError(f"{where}: expected a number, got {value!r}")
    return value


def load(defaults: Path = DEFAULTS, override: Path | None = None) -> dict[str, Threshold]:
    table: dict[str, Threshold] = {}
    with defaults.open("rb") as fh:
        for section, entries in tomllib.load(fh).items():
            for name, entry in entries.items():
                key = f"{section}.{name}"
                table[key] = Threshold(key, _number(entry["value"], key), entry["reason"])
    if override is not None:
        try:
            with override.open("rb") as fh:
                data = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ThresholdConfigError(f"{override}: {exc}") from None
        for section, entries in data.items():
            if not isinstance(entries, dict):
                raise ThresholdConfigError(f"{override}: [{section}] must be a table")
            for name, value in entries.items():
                key = f"{section}.{name}"
                if key not in table:
                    raise ThresholdConfigError(f"{override}: unknown threshold {key}")
                value = value.get("value") if isinstance(value, dict) else value
                old = table[key]
                table[key] = Threshold(key, _number(value, key), old.reason, overridden=True)
    return table


def _override_path() -> Path | None:
    path = os.environ.get(ENV, "").strip()
    return Path(path) if path else None


THRESHOLDS: dict[str, Threshold] = load(override=_override_path())


def threshold(name: str) -> float:
    """The value of one threshold (KeyError for a name the table lacks: a programming error)."""
    return THRESHOLDS[name].value
