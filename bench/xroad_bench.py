"""X-Road image fetch: median latency and throughput with 8 concurrent clients.

    .venv/bin/python bench/xroad_bench.py [--seconds 20] [--clients 8] [--server CMD]

Uses postgres://postgres@127.0.0.1:5432/luppa_xbench unless DATABASE_URL is set. Stores 50
submitted photos, starts the service on 127.0.0.1:8141 (`luppa serve` when the project
has it, else Django's threaded development server; --server overrides), then 8 client
threads fetch `GET /xroad/v1/photos/{id}/image` over keep-alive connections for the given
time, each fetch audited like any other. Every response is compared with the stored JPEG.
Target: at least 300 fetches per second on the 2-core machine.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shlex
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/luppa_xbench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luppa.settings")
HOST, PORT = "127.0.0.1", 8141
CLIENT = "FI/GOV/0245437-2/lupa"
PHOTOS = 50
ROOT = Path(__file__).resolve().parents[1]


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname=%s", (name,)).fetchone():
            conn.execute(f'create database "{name}"')


def prepare() -> dict[str, bytes]:
    """PHOTOS submitted photos (the bundled sample, framed), by photo ID."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from luppa.accounts.models import Account, Photographer, User
    from luppa.photos import services
    from luppa.photos.models import Photo
    from luppa.quality import assess
    from luppa.quality.frame import frame

    account = Account.objects.filter(name="X-Road bench").first()
    if account is None:
        user = User.objects.create(username="xroad-bench", full_name="X-Road bench")
        account = Account.objects.create(kind="person", owner=user, name="X-Road bench",
                                         studio_name="Bench")  # fmt: skip
        Photographer.objects.create(account=account, name="Bench")
    jpeg = frame((ROOT / "src/luppa/quality/samples/obama.jpg").read_bytes()).jpeg
    photographer = account.photographers.get()
    existing = Photo.objects.filter(account=account, state="submitted").count()
    report = assess(jpeg, "bench.jpg")
    for _ in range(PHOTOS - existing):
        draft = services.create_draft(account, photographer, jpeg, {}, report=report)
        services.submit(draft)
    ids = Photo.objects.filter(account=account, state="submitted").values_list(
        "photo_id", flat=True
    )[:PHOTOS]
    return {pid: jpeg for pid in ids}


def server_command(override: str | None) -> list[str]:
    luppa = str(ROOT / ".venv/bin/luppa")
    if override:
        return shlex.split(override)
    probe = subprocess.run([luppa, "help", "serve"], capture_output=True, text=True)
    if probe.returncode == 0:
        return [luppa, "serve", "--bind", f"{HOST}:{PORT}"]
    return [luppa, "runserver", f"{HOST}:{PORT}", "--noreload", "--nothreading"][:-1]


def wait_for_server() -> None:
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection(HOST, PORT, timeout=1)
            conn.request("GET", "/xroad/v1/openapi.json")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def client(photos: dict[str, bytes], until: float, times: list[float], errors: list[str]) -> None:
    ids = list(photos)
    conn = http.client.HTTPConnection(HOST, PORT, timeout=10)
    i = threading.get_ident()
    headers = {"X-Road-Client": CLIENT, "X-Road-UserId": "FI-bench"}
    while time.perf_counter() < until:
        pid = ids[i % len(ids)]
        i += 1
        start = time.perf_counter()
        try:
            headers["X-Road-Id"] = f"bench-{i}"
            conn.request("GET", f"/xroad/v1/photos/{pid}/image", headers=headers)
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            conn.close()
            conn = http.client.HTTPConnection(HOST, PORT, timeout=10)
            continue
        times.append((time.perf_counter() - start) * 1000)
        if response.status != 200 or body != photos[pid]:
            errors.append(f"HTTP {response.status}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--server", help="command that serves on 127.0.0.1:8141")
    args = parser.parse_args()
    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_database(os.environ["DATABASE_URL"])
    photos = prepare()
    command = server_command(args.server)
    env = {**os.environ, "LUPPA_DEBUG": "0", "LUPPA_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_for_server()
        times: list[float] = []
        errors: list[str] = []
        until = time.perf_counter() + args.seconds
        threads = [threading.Thread(target=client, args=(photos, until, times, errors))
                   for _ in range(args.clients)]  # fmt: skip
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"server: {' '.join(Path(c).name if '/' in c else c for c in command)}")
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}")
    if not times:
        print("no successful fetch", errors[:5])
        return 1
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"{len(times)} fetches by {args.clients} clients in {elapsed:.1f} s: "
          f"{len(times) / elapsed:.0f} fetches/s; latency median "
          f"{statistics.median(times):.1f} ms, p95 {p95:.1f} ms; errors {len(errors)}")  # fmt: skip
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
