"""The checks' thresholds: one table with a reason for every value, overridable by a
deployment's file, and a misspelt override refused rather than ignored."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from luppa.quality import CHECKS
from luppa.quality.thresholds import THRESHOLDS, ThresholdConfigError, load


def test_every_threshold_has_a_number_and_a_reason():
    assert len(THRESHOLDS) > 50
    for name, t in THRESHOLDS.items():
        assert isinstance(t.value, int | float), name
        assert len(t.reason) > 20, f"{name} needs the reason for its value"
        assert not t.overridden


def test_a_deployment_file_overrides_a_value(tmp_path):
    config = tmp_path / "quality.toml"
    config.write_text("[lighting]\nmax_side_diff = 0.4\n")
    table = load(override=config)
    assert table["lighting.max_side_diff"].value == 0.4
    assert table["lighting.max_side_diff"].overridden
    assert table["lighting.max_side_diff"].reason == THRESHOLDS["lighting.max_side_diff"].reason


def test_the_checks_use_the_overridden_value(tmp_path):
    """A new process with the deployment's file: the check's own limit follows it."""
    config = tmp_path / "quality.toml"
    config.write_text("[lighting]\nmax_side_diff = 0.45\n")
    code = (
        "from luppa.quality import CHECKS; "
        "print(next(c.limit.render('en') for c in CHECKS if c.id == 'lighting.even'))"
    )
    env = {**os.environ, "LUPPA_QUALITY_CONFIG": str(config)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "45%" in out.stdout
    default = next(c.limit.render("en") for c in CHECKS if c.id == "lighting.even")
    assert "45%" not in default


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("[lighting]\nmax_side_dif = 0.4\n", "unknown threshold lighting.max_side_dif"),
        ("[lighting]\nmax_side_diff = 'high'\n", "expected a number"),
        ("[lighting\n", "quality.toml"),
    ],
)
def test_a_bad_deployment_file_is_refused_with_its_reason(tmp_path, text, complaint):
    config = tmp_path / "quality.toml"
    config.write_text(text)
    with pytest.raises(ThresholdConfigError, match=complaint):
        load(override=config)
