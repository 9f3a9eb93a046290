"""Renamed environment variables (LUPPA_STAFF_OIDC_* → LUPPA_OFFICER_OIDC_*): a deployment
still configured with the old names is told what to rename (that the old names still work is
tested with the other settings in tests/ops/test_operations.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from luppa.core.checks import renamed_environment_variables


def test_the_system_check_names_the_new_variable(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LUPPA_STAFF_OIDC_ISSUER", "https://login.poliisi.example/")
    monkeypatch.setenv("LUPPA_STAFF_SUOMIFI", "0")
    monkeypatch.setenv("LUPPA_OFFICER_SUOMIFI", "0")
    warnings = {w.msg: w.hint for w in renamed_environment_variables()}
    assert warnings == {
        "LUPPA_STAFF_OIDC_ISSUER is a renamed environment variable: its new name is "
        "LUPPA_OFFICER_OIDC_ISSUER.": "Rename it to LUPPA_OFFICER_OIDC_ISSUER; the old name "
        "stops working in the next release.",
        "LUPPA_STAFF_SUOMIFI is a renamed environment variable: its new name is "
        "LUPPA_OFFICER_SUOMIFI.": "Remove LUPPA_STAFF_SUOMIFI: LUPPA_OFFICER_SUOMIFI is set "
        "and wins.",
    }
    assert {w.id for w in renamed_environment_variables()} == {"luppa.W001"}


def test_no_warning_with_the_new_names_only(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LUPPA_OFFICER_OIDC_ISSUER", "https://login.poliisi.example/")
    assert renamed_environment_variables() == []
    call_command("check")  # and the whole system check stays quiet about it


def test_the_check_command_warns_with_the_old_names_set():
    """What an operator sees: `luppa check` on the deployment's environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUPPA_")}
    env["LUPPA_STAFF_OIDC_CLIENT_ID"] = "luppa-prod"
    result = subprocess.run(
        [sys.executable, "-c", "from luppa.cli import main; main(['check'])"],
        env={**env, "DJANGO_SETTINGS_MODULE": "luppa.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert "luppa.W001" in output and "LUPPA_OFFICER_OIDC_CLIENT_ID" in output, output
