"""Running the service for real: settings per environment, secrets, health, headers, logs.

Settings that differ per environment are read in a fresh interpreter (`_settings`), since
they are decided when the settings module loads.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

STRONG = {
    "LUPPA_SECRET_KEY": "k" * 10 + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH",
    "LUPPA_DATA_KEY": "d" * 5 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef",
    "LUPPA_HETU_HASH_KEY": "h" * 5 + "abcdefghijklmnopqrstuvwxyz-_0123456789ABCD",
    "LUPPA_AUDIT_KEY": "a" * 5 + "zyxwvutsrqponmlkjihgfedcba-_9876543210DCBA",
}
PRODUCTION = {
    "LUPPA_ENV": "production",
    "DATABASE_URL": "postgres://luppa@127.0.0.1:5432/none",
    "LUPPA_ALLOWED_HOSTS": "kuvapalvelu.example.fi",
    "LUPPA_CACHE_URL": "redis://127.0.0.1:6379/2",
    # Suomi.fi identification and the officers' OpenID Connect provider (issue 11).
    "LUPPA_BASE_URL": "https://kuvapalvelu.example.fi",
    "LUPPA_SAML_KEY_FILE": "/etc/luppa/saml.key",
    "LUPPA_SAML_CERT_FILE": "/etc/luppa/saml.crt",
    "LUPPA_SAML_IDP_METADATA_URL": "https://tunnistus.suomi.fi/static/metadata/idp-metadata.xml",
    "LUPPA_OFFICER_OIDC_ISSUER": "https://login.poliisi.example/",
    "LUPPA_OFFICER_OIDC_AUTHORIZATION_ENDPOINT": "https://login.poliisi.example/authorize",
    "LUPPA_OFFICER_OIDC_TOKEN_ENDPOINT": "https://login.poliisi.example/token",
    "LUPPA_OFFICER_OIDC_USERINFO_ENDPOINT": "https://login.poliisi.example/userinfo",
    "LUPPA_OFFICER_OIDC_JWKS_ENDPOINT": "https://login.poliisi.example/jwks",
    "LUPPA_OFFICER_OIDC_CLIENT_SECRET": "oidc-client-secret-for-the-settings-test",
    **STRONG,
}


def _clean_env() -> dict[str, str]:
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a server never has it.
    skip = ("LUPPA_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    return {k: v for k, v in os.environ.items() if not k.startswith(skip)}


def _run(code: str, env: dict[str, str], cwd: str | None = None) -> subprocess.CompletedProcess:
    base = _clean_env()
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "DJANGO_SETTINGS_MODULE": "luppa.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def _settings(env: dict[str, str], *names: str, cwd: str | None = None) -> dict:
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {list(names)!r}}}, default=str))"
    )
    result = _run(code, env, cwd)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- defects ----------------------------------------------------------------------------------


def test_development_holds_no_database_connection_between_requests(tmp_path):
    """runserver's threads die with their connections: persistent ones leaked one per
    keep-alive client until PostgreSQL refused everyone."""
    dev = _settings({"LUPPA_VAR_DIR": str(tmp_path / "var")}, "DATABASES")
    assert dev["DATABASES"]["default"]["CONN_MAX_AGE"] == 0
    prod = _settings(PRODUCTION, "DATABASES")
    assert prod["DATABASES"]["default"]["CONN_MAX_AGE"] == 60
    assert prod["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True


def test_caches_come_from_the_environment(tmp_path):
    var = {"LUPPA_VAR_DIR": str(tmp_path / "var")}
    dev = _settings(var, "CACHES")["CACHES"]["default"]
    assert dev["BACKEND"].endswith("LocMemCache")
    shared = _settings({**var, "LUPPA_CACHE_URL": "redis://cache.internal:6379/3"}, "CACHES")
    assert shared["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert shared["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/3"


def test_make_run_starts_a_worker_beside_the_web_server():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "luppa worker" in recipe and "luppa runserver" in recipe


def test_the_embedded_database_is_the_owners_alone(tmp_path):
    var = tmp_path / "var"
    _settings({"LUPPA_VAR_DIR": str(var)}, "DATABASES")
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    assert stat.S_IMODE((var / "luppa.sqlite3").stat().st_mode) == 0o600


def test_the_test_identification_page_is_a_404_in_production(client: Client):
    with override_settings(IDENTIFICATION_BACKEND="saml"):
        assert client.get("/login/test-idp/").status_code == 404
        assert client.post("/login/test-idp/", {"person": "0"}).status_code == 404


# --- renamed variables -------------------------------------------------------------------

OLD_OIDC_NAMES = {
    k.replace("LUPPA_OFFICER_", "LUPPA_STAFF_"): v
    for k, v in PRODUCTION.items()
    if k.startswith("LUPPA_OFFICER_OIDC_")
}
OLD_NAMES_PRODUCTION = {
    **{k: v for k, v in PRODUCTION.items() if not k.startswith("LUPPA_OFFICER_")},
    **OLD_OIDC_NAMES,
    "LUPPA_STAFF_SUOMIFI": "0",
}


def test_a_production_configured_with_the_old_names_still_starts_and_uses_them():
    found = _settings(
        OLD_NAMES_PRODUCTION,
        "OFFICER_OIDC_ISSUER",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_RP_CLIENT_SECRET",
        "OFFICER_SUOMIFI_LOGIN",
    )
    assert found == {
        "OFFICER_OIDC_ISSUER": "https://login.poliisi.example/",
        "OIDC_OP_TOKEN_ENDPOINT": "https://login.poliisi.example/token",
        "OIDC_RP_CLIENT_SECRET": "oidc-client-secret-for-the-settings-test",
        "OFFICER_SUOMIFI_LOGIN": False,
    }


def test_the_new_name_wins_when_both_are_set():
    env = {**OLD_NAMES_PRODUCTION, "LUPPA_OFFICER_OIDC_ISSUER": "https://new.poliisi.example/"}
    assert _settings(env, "OFFICER_OIDC_ISSUER") == {
        "OFFICER_OIDC_ISSUER": "https://new.poliisi.example/"
    }


# --- secrets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"LUPPA_SECRET_KEY": "short-key-0123456789abcdefghij"}, "LUPPA_SECRET_KEY must be"),
        ({"LUPPA_DATA_KEY": "x" * 60}, "LUPPA_DATA_KEY must be"),
        ({"LUPPA_HETU_HASH_KEY": STRONG["LUPPA_DATA_KEY"]}, "must differ"),
        ({"LUPPA_CACHE_URL": ""}, "LUPPA_CACHE_URL must name a shared cache"),
        ({"LUPPA_CACHE_URL": "locmem://"}, "LUPPA_CACHE_URL must name a shared cache"),
    ],
)
def test_production_refuses_to_start_with_weak_or_shared_keys(change, message):
    result = _run("import django; django.setup()", {**PRODUCTION, **change})
    assert result.returncode != 0
    assert message in result.stderr
    for value in change.values():
        if value:
            assert value not in result.stderr  # the message names the variable, not the key


def test_production_settings_pass_djangos_deployment_check(tmp_path):
    env = {**PRODUCTION, "LUPPA_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "luppa.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env={**_clean_env(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_hardening_settings():
    s = _settings(
        PRODUCTION,
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_NAME",
        "CACHES",
        "STORAGES",
    )
    assert s["SECURE_HSTS_SECONDS"] >= 31536000
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"]
    assert s["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert s["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert "Manifest" in s["STORAGES"]["staticfiles"]["BACKEND"]


# --- headers, health ------------------------------------------------------------------------


def test_every_page_has_the_security_headers(client: Client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    style_src = next(d for d in csp.split(";") if d.strip().startswith("style-src"))
    assert style_src.split() == ["style-src", "'self'"]
    assert "frame-ancestors 'none'" in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_page_template_has_an_inline_script():
    from pathlib import Path

    import luppa

    root = Path(luppa.__file__).parent
    offenders = []
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text()
        for chunk in text.split("<script")[1:]:
            if "src=" not in chunk.split(">", 1)[0]:
                offenders.append(str(template.relative_to(root)))
        if " on" in text and any(f" on{e}=" in text for e in ("click", "change", "submit", "load")):
            offenders.append(str(template.relative_to(root)))
    assert offenders == []


def test_no_page_template_has_an_inline_style():
    """style-src allows no inline style: no <style> block and no style attribute (a script
    sets what must be computed, such as a photo's size, through the CSSOM)."""
    import re
    from pathlib import Path

    import luppa

    root = Path(luppa.__file__).parent
    offenders = [
        str(template.relative_to(root))
        for template in root.rglob("templates/**/*.html")
        if re.search(r"<style|\sstyle=", template.read_text())
    ]
    assert offenders == []


def test_the_api_docs_page_has_no_inline_style(client: Client):
    html = client.get("/api/v1/docs/").content.decode()
    assert "<style" not in html and " style=" not in html
    assert "swagger_ui.css" in html


def test_request_id_is_returned_and_a_well_formed_one_is_kept(client: Client):
    made = client.get("/")["X-Request-ID"]
    assert len(made) == 36
    assert client.get("/", HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"] == "lb-1234abcd"
    forged = client.get("/", HTTP_X_REQUEST_ID='x" injected\n')["X-Request-ID"]
    assert forged != 'x" injected\n' and len(forged) == 36


def test_healthz_answers_without_login(client: Client):
    response = client.get("/healthz", HTTP_ACCEPT="application/json")
    assert response.status_code == 200


def test_readyz_reports_each_dependency(client: Client):
    from luppa.quality import warm_up

    warm_up()
    response = client.get("/readyz", HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body.values()) == {"OK"}
    assert any("Migrations" in k for k in body) and any("FaceModels" in k for k in body)
    assert any("Database" in k for k in body) and any("Cache" in k for k in body)


def test_readyz_fails_while_a_migration_is_missing(client: Client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("x", 0)])
    response = client.get("/readyz", HTTP_ACCEPT="application/json")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "unapplied migrations" in json.dumps(response.json())


@pytest.mark.parametrize("argv", [["djcheck"], ["check"]])
def test_djcheck_reaches_djangos_system_check(argv, capsys):
    """In this process: the command's routing is under test, and the production settings'
    own run of the check (a fresh interpreter) is the deployment test above."""
    from luppa.cli import main

    assert main(argv) == 0
    assert "System check identified no issues" in capsys.readouterr().out


# --- luppa serve, for real ------------------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_luppa_serve_runs_gunicorn_with_preloaded_models_and_cached_static_files(
    tmp_path, migrated_var
):
    """The production server end to end on SQLite: one worker, ready when the models are
    loaded, hashed static files with a far-future cache, the request id in the header."""
    import time
    import urllib.request
    from pathlib import Path

    root = Path("/dev/shm") if Path("/dev/shm").is_dir() else tmp_path
    # A migrated database (as `luppa migrate` leaves it), copied rather than migrated again.
    var = migrated_var(root / f"luppa-serve-{os.getpid()}-{tmp_path.name}")
    env = {
        **_clean_env(),
        "DJANGO_SETTINGS_MODULE": "luppa.settings",
        "LUPPA_VAR_DIR": str(var),
        "LUPPA_DEBUG": "0",
        "LUPPA_STATIC_MANIFEST": "1",
        "LUPPA_LOG_FORMAT": "json",
    }
    luppa = [sys.executable, "-m", "luppa.cli"]
    port = _free_port()
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [*luppa, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"

    def get(path: str):
        request = urllib.request.Request(f"{base}{path}", headers={"Accept": "application/json"})
        return urllib.request.urlopen(request, timeout=30)

    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, log.read_text()[-3000:]
            try:
                ready = get("/readyz")
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.1)
        assert json.loads(ready.read()) == {
            "Database(alias='default')": "OK",
            "Migrations(alias='default')": "OK",
            "Cache(alias='default')": "OK",
            "FaceModels()": "OK",
        }
        assert len(ready.headers["X-Request-ID"]) == 36
        page = get("/login/").read().decode()
        css = next(part.split('"')[0] for part in page.split('href="')[1:] if ".css" in part)
        assert css.startswith("/static/") and len(css.rsplit(".", 2)[1]) == 12  # hashed
        static = get(css)
        assert "immutable" in static.headers["Cache-Control"]
        assert "max-age=315360000" in static.headers["Cache-Control"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        shutil.rmtree(var, ignore_errors=True)
    text = log.read_text()
    assert "face models loaded in worker" in text
    access = [line for line in text.splitlines() if "gunicorn.access" in line]
    assert access and all("?" not in line for line in access)


def test_the_api_docs_page_runs_without_inline_script(client: Client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>" not in html
    sources = [p.split('"')[0] for p in html.split('<script src="')[1:]]
    script = next(src for src in sources if "?script" in src)
    assert script.startswith("/api/v1/docs/?")
    loaded = client.get(script.replace("&amp;", "&"))
    assert loaded.status_code == 200 and "SwaggerUIBundle" in loaded.content.decode()
