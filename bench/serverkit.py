"""Helpers for the multi-instance check and the load benchmark: start `luppa serve`
instances against one PostgreSQL database and one Redis, and drive them over HTTP the way a
browser and studio software do (the test identification page, the studio API).

Everything talks to 127.0.0.1 only. The instances run in the development environment
(LUPPA_ENV unset) because the production one has no identification provider until the
Suomi.fi issue lands; everything else is the production set-up: gunicorn with its
configuration, hashed static files, persistent database connections, the Redis cache.
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
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
LUPPA = [sys.executable, "-m", "luppa.cli"]
TEST_PERSON = {"pia": 0, "kalle": 1, "liisa": 2, "ville": 3, "outi": 4, "mikael": 5, "aila": 6}


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
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


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
    return found.group(1)


def assertion_for(session: requests.Session, base: str, person: str) -> str:
    """Through the login page and the test identification page, up to the signed assertion
    the browser would post to the callback (the session then holds the login's nonce)."""
    page = session.get(f"{base}/login/").text
    start_ = session.post(
        f"{base}/login/",
        {"next": "/", "csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken")},
        allow_redirects=False,
    )
    idp = session.get(f"{base}{start_.headers['Location']}").text
    done = session.post(
        f"{base}/login/test-idp/",
        {
            "person": TEST_PERSON[person],
            "nonce": _field(idp, "nonce"),
            "relay": "/",
            "csrfmiddlewaretoken": _field(idp, "csrfmiddlewaretoken"),
        },
    )
    return _field(done.text, "assertion")


def callback(session: requests.Session, base: str, assertion: str) -> requests.Response:
    return session.post(
        f"{base}/login/callback/",
        {"assertion": assertion, "relay": "/", "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{base}/login/"},
        allow_redirects=False,
    )


def login(session: requests.Session, base: str, person: str, choice: str) -> None:
    response = callback(session, base, assertion_for(session, base, person))
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


def sample_jpeg() -> bytes:
    """A real 500×653 permit photo: the bundled sample, framed by luppa itself."""
    from luppa.quality.frame import frame

    sample = ROOT / "src" / "luppa" / "quality" / "samples" / "obama.jpg"
    return frame(sample.read_bytes()).jpeg
