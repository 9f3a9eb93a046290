"""Helpers for the multi-instance check and the load benchmark: start `luppa serve`
instances against one PostgreSQL database and one Redis, and drive them over HTTP the way a
browser and studio software do (Suomi.fi sign-in through the fake SAML IdP, officers'
sign-in through the fake OpenID Connect provider, the studio API).

Everything talks to 127.0.0.1 only. The instances run in the development environment
(LUPPA_ENV unset) because production unmounts the fake IdP and the fake OIDC provider;
everything else is the production set-up: gunicorn with its configuration, hashed static
files, persistent database connections, the Redis cache. All instances share one public
address (LUPPA_BASE_URL), as instances behind one load balancer do: the SAML audience and
assertion consumer service are the service's, not one machine's.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import requests

ROOT = Path(__file__).resolve().parents[1]
LUPPA = [sys.executable, "-m", "luppa.cli"]
# Indexes into luppa.integrations.identification.TEST_PERSONS and fake_oidc.TEST_OFFICERS.
TEST_PERSON = {"pia": 0, "kalle": 1, "liisa": 2, "ville": 3, "outi": 4, "mikael": 5, "aila": 6}
TEST_OFFICER = {"outi": 0, "mikael": 1, "aila": 2}


def environment(database_url: str, cache_url: str, var_dir: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("LUPPA_", "DATABASE_URL"))}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "luppa.settings",
        "DATABASE_URL": database_url,
        "LUPPA_CACHE_URL": cache_url,
        "LUPPA_VAR_DIR": var_dir,
        "LUPPA_DB_CONN_MAX_AGE": "60",
        "LUPPA_DEBUG": "0",
        "LUPPA_STATIC_MANIFEST": "1",
        "LUPPA_LOG_FORMAT": "json",
        "LUPPA_LOG_LEVEL": "WARNING",
        "LUPPA_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # The same keys on every instance, as in any multi-machine deployment.
        "LUPPA_SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", secrets.token_urlsafe(48)),
    }


@dataclass
class Instance:
    port: int
    process: subprocess.Popen
    log: Path
    base: str = field(init=False)

    def __post_init__(self) -> None:
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        stop_process(self.process)


def start_worker(env: dict[str, str], log_dir: Path) -> subprocess.Popen:
    """`luppa worker`: the background tasks (face embeddings, receipts) beside the server."""
    log = log_dir / "worker.log"
    return subprocess.Popen(
        [*LUPPA, "worker", "--interval", "0.5"],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([*LUPPA, *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"luppa {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def start(port: int, env: dict[str, str], workers: int, log_dir: Path) -> Instance:
    log = log_dir / f"serve-{port}.log"
    process = subprocess.Popen(
        [*LUPPA, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped with all its workers
    )
    return Instance(port, process, log)


def wait_ready(instance: Instance, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if instance.process.poll() is not None:
            raise RuntimeError(
                f"instance {instance.port} exited:\n{instance.log.read_text()[-3000:]}"
            )
        try:
            r = requests.get(
                f"{instance.base}/readyz", headers={"Accept": "application/json"}, timeout=5
            )
            if r.status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"instance {instance.port} not ready in {timeout} s")


def worker_pids(instance: Instance) -> list[int]:
    """The gunicorn workers of an instance (children of its master)."""
    children = Path(f"/proc/{instance.process.pid}/task/{instance.process.pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    if not found:
        raise RuntimeError(f"no {name} in page")
    return unescape(found.group(1))


def _hidden_fields(html: str) -> dict[str, str]:
    return {k: unescape(v) for k, v in re.findall(r'name="(\w+)" value="([^"]*)"', html)}


def saml_response_for(session: requests.Session, base: str, person: str) -> dict[str, str]:
    """Through the login page and the fake Suomi.fi IdP's pages (/fake-idp/) as a browser
    goes, up to the signed and encrypted SAMLResponse (and RelayState) the browser would
    post to the service's assertion consumer service."""
    page = session.get(f"{base}/login/").text
    started = session.post(
        f"{base}/login/",
        {"next": "/", "csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken")},
        allow_redirects=False,
    )
    location = started.headers.get("Location", "")
    if "/fake-idp/sso/" not in location:
        raise RuntimeError(f"login did not go to the fake IdP: {started.status_code} {location}")
    idp_url = urljoin(base, location)
    chooser = session.get(idp_url)
    fields = _hidden_fields(chooser.text)
    fields["person"] = str(TEST_PERSON[person])
    posted = session.post(idp_url.split("?", 1)[0], fields)
    if posted.status_code != 200:
        raise RuntimeError(f"the fake IdP refused: {posted.status_code}")
    form = _hidden_fields(posted.text)
    return {k: form[k] for k in ("SAMLResponse", "RelayState") if k in form}


def callback(session: requests.Session, base: str, saml: dict[str, str]) -> requests.Response:
    """The browser posting the IdP's answer to the assertion consumer service."""
    return session.post(f"{base}/saml2/acs/", saml, allow_redirects=False)


def login(session: requests.Session, base: str, person: str, choice: str) -> None:
    """A citizen or studio signs in through Suomi.fi (the fake IdP) and picks a role."""
    response = callback(session, base, saml_response_for(session, base, person))
    if response.headers.get("Location") != "/login/choose/":
        raise RuntimeError(f"login failed: {response.status_code} {response.headers}")
    chosen = session.post(
        f"{base}/login/choose/",
        {"choice": choice, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{base}/login/choose/"},
        allow_redirects=False,
    )
    if chosen.status_code != 302:
        raise RuntimeError(f"choice refused: {chosen.status_code}")


def officer_login(session: requests.Session, base: str, officer: str) -> None:
    """An officer signs in through the organisation's OpenID Connect provider (the fake one
    at /fake-oidc/): the code flow with PKCE, the provider's page, back to the callback."""
    started = session.get(f"{base}/officer/login/", allow_redirects=False)
    authorize = urljoin(base, started.headers.get("Location", ""))
    if "/fake-oidc/authorize/" not in authorize:
        raise RuntimeError(f"officer login did not go to the fake provider: {authorize}")
    page = session.get(authorize)
    fields = _hidden_fields(page.text)
    fields["officer"] = str(TEST_OFFICER[officer])
    back = session.post(authorize.split("?", 1)[0], fields, allow_redirects=False)
    if "/officer/login/callback/" not in back.headers.get("Location", ""):
        raise RuntimeError(f"the provider refused: {back.status_code}")
    done = session.get(urljoin(base, back.headers["Location"]), allow_redirects=False)
    if done.status_code != 302 or not done.headers.get("Location", "").startswith("/officer/"):
        raise RuntimeError(f"officer sign-in refused: {done.status_code}")


def sample_jpeg() -> bytes:
    """A real 500×653 permit photo: the bundled sample, framed by luppa itself."""
    from luppa.quality.frame import frame

    sample = ROOT / "src" / "luppa" / "quality" / "samples" / "obama.jpg"
    return frame(sample.read_bytes()).jpeg
