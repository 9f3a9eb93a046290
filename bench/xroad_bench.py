"""X-Road image fetch: median latency and throughput with 8 concurrent clients.

    .venv/bin/python bench/xroad_bench.py [--seconds 20] [--clients 8] [--port 8141]
        [--workers N] [--threads N] [--floor] [--server CMD]

Uses postgres://postgres@127.0.0.1:5432/luppa_xbench unless DATABASE_URL is set. Stores 50
submitted photos, starts the service on 127.0.0.1:PORT (`luppa serve`; --server overrides),
then 8 client threads fetch `GET /xroad/v1/photos/{id}/image` over keep-alive connections for
the given time, each fetch audited like any other. Every response is compared with the
stored JPEG. Target: at least 300 fetches per second on the 2-core machine. The client
speaks HTTP/1.1 over plain sockets (it shares the cores with the server, and http.client
cost three times as much), and its CPU is its threads' own.

`--floor` fetches `/healthz` instead (a trivial Django view behind the full middleware
stack): the most any view can do on this machine under `luppa serve`.

Besides fetches/s and latency (which follow the machine's load: other processes take the
cores), it prints the CPU seconds per fetch of the server side, read from /proc: the gunicorn
master and its workers (including recycled ones) and the PostgreSQL backends connected to
the benchmark's database. Two cores divided by that figure bounds the throughput whatever
else runs, so it is the number to compare between versions on a busy machine.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/luppa_xbench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luppa.settings")
HOST = "127.0.0.1"
PORT = 8141  # --port
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

    # Found by its owner: the account name is encrypted and cannot be filtered on.
    account = Account.objects.filter(owner__username="xroad-bench").first()
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


def server_command(override: str | None, workers: int | None) -> list[str]:
    if override:
        return shlex.split(override)
    command = [str(ROOT / ".venv/bin/luppa"), "serve", "--bind", f"{HOST}:{PORT}"]
    return command + (["--workers", str(workers)] if workers else [])


TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _cpu(pid: int, children: bool = False) -> float:
    """User + system seconds of a process (and of its reaped children)."""
    try:
        f = _stat(pid)
    except OSError:
        return 0.0
    own = int(f[11]) + int(f[12])
    return (own + (int(f[13]) + int(f[14]) if children else 0)) / TICK


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _postgres_backends(database: str) -> list[int]:
    """The backends serving `database` (their process title names it)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            title = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {database} " in title:
            found.append(int(proc.name))
    return found


class CpuMeter:
    """CPU seconds used by the server (gunicorn master + workers, reaped ones included) and
    by the PostgreSQL backends of the database, sampled while the benchmark runs so that
    a backend that ends mid-run still counts up to its last sample."""

    def __init__(self, master: int, database: str) -> None:
        self.master, self.database = master, database
        self.base: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.stop = threading.Event()

    def _sample(self) -> dict[int, float]:
        pids = {self.master: _cpu(self.master, children=True)}
        for pid in _children(self.master):
            pids[pid] = _cpu(pid)
        for pid in _postgres_backends(self.database):
            pids[-pid] = _cpu(pid)  # negative: a PostgreSQL backend
        return pids

    def settle(self, timeout: float = 120) -> None:
        """Waits until the server is idle: every worker has loaded its models."""
        deadline = time.monotonic() + timeout
        before = sum(v for p, v in self._sample().items() if p > 0)
        while time.monotonic() < deadline:
            time.sleep(1)
            now = sum(v for p, v in self._sample().items() if p > 0)
            if now - before < 0.05:
                return
            before = now

    def start(self) -> None:
        self.base = self._sample()
        self.last = dict(self.base)
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while not self.stop.wait(1):  # reading /proc costs the machine too
            self.last.update(self._sample())

    def finish(self) -> tuple[float, float]:
        self.stop.set()
        self.last.update(self._sample())
        used = {p: v - self.base.get(p, 0.0) for p, v in self.last.items()}
        return sum(v for p, v in used.items() if p > 0), sum(v for p, v in used.items() if p < 0)


def wait_for_server() -> None:
    for _ in range(600):  # two minutes: a busy machine starts slowly
        try:
            conn = http.client.HTTPConnection(HOST, PORT, timeout=1)
            conn.request("GET", "/xroad/v1/openapi.json")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


class Connection:
    """A keep-alive HTTP/1.1 connection that reads only what the benchmark needs: the
    status, Content-Length and body. The client shares the two cores with the server, and
    http.client's header parsing cost it more CPU than this whole loop does."""

    def __init__(self) -> None:
        self.sock = socket.create_connection((HOST, PORT), timeout=10)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.rest = b""

    def get(self, request: bytes) -> tuple[int, bytes]:
        self.sock.sendall(request)
        data = self.rest
        while (end := data.find(b"\r\n\r\n")) < 0:
            data += self._recv(65536)
        head = data[:end].lower()
        start = head.find(b"\r\ncontent-length:")
        if start < 0:
            raise http.client.HTTPException("no Content-Length")
        line_end = head.find(b"\r\n", start + 17)
        length = int(head[start + 17 : line_end if line_end >= 0 else None])
        parts, have = [data[end + 4 :]], len(data) - end - 4
        while have < length:
            chunk = self._recv(max(length - have, 65536))
            parts.append(chunk)
            have += len(chunk)
        body = b"".join(parts)
        body, self.rest = body[:length], body[length:]
        return int(data[9:12]), body

    def _recv(self, size: int) -> bytes:
        chunk = self.sock.recv(size)
        if not chunk:
            raise ConnectionError("closed by the server")
        return chunk

    def close(self) -> None:
        self.sock.close()


def client(
    photos: dict[str, bytes],
    until: float,
    times: list[float],
    errors: list[str],
    floor: bool,
    cpu: list[float],
) -> None:
    ids = list(photos)
    conn = Connection()
    i = threading.get_ident()
    started = time.thread_time()
    while time.perf_counter() < until:
        pid = ids[i % len(ids)]
        i += 1
        path = "/healthz" if floor else f"/xroad/v1/photos/{pid}/image"
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {HOST}:{PORT}\r\nX-Road-Client: {CLIENT}\r\n"
            f"X-Road-UserId: FI-bench\r\nX-Road-Id: bench-{i}\r\n\r\n"
        ).encode()
        start = time.perf_counter()
        try:
            status, body = conn.get(request)
        except (OSError, ValueError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            conn.close()
            conn = Connection()
            continue
        times.append((time.perf_counter() - start) * 1000)
        if status != 200 or (body != photos[pid] and not floor):
            errors.append(f"HTTP {status}")
    cpu.append(time.thread_time() - started)


def main() -> int:
    global PORT
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--port", type=int, default=8141)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: luppa serve's)")
    parser.add_argument("--threads", type=int, help="threads per worker (LUPPA_WEB_THREADS)")
    parser.add_argument("--floor", action="store_true", help="fetch /healthz instead")
    parser.add_argument("--server", help="command that serves on 127.0.0.1:PORT")
    args = parser.parse_args()
    PORT = args.port
    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_database(os.environ["DATABASE_URL"])
    photos = prepare()
    command = server_command(args.server, args.workers)
    env = {**os.environ, "LUPPA_DEBUG": "0", "LUPPA_LOG_LEVEL": "WARNING"}
    if args.threads:
        env["LUPPA_WEB_THREADS"] = str(args.threads)
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_for_server()
        meter = CpuMeter(server.pid, os.environ["DATABASE_URL"].rsplit("/", 1)[1])
        meter.settle()  # the workers' start-up (face models) is not part of the figure
        times: list[float] = []
        thread_cpu: list[float] = []
        errors: list[str] = []
        until = time.perf_counter() + args.seconds
        threads = [threading.Thread(target=client, args=(photos, until, times, errors,
                                                         args.floor, thread_cpu))
                   for _ in range(args.clients)]  # fmt: skip
        meter.start()
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        server_cpu, postgres_cpu = meter.finish()
        # The client threads' own CPU (the meter's sampling of /proc is not the client's).
        client_cpu = sum(thread_cpu)
        load = Path("/proc/loadavg").read_text().split()[:3]
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"command: .venv/bin/python bench/{Path(__file__).name} {' '.join(sys.argv[1:])}")
    print(
        f"server: {' '.join(Path(c).name if '/' in c else c for c in command)}"
        f"{' (threads ' + str(args.threads) + ')' if args.threads else ''}; "
        f"{'GET /healthz (floor)' if args.floor else 'GET /xroad/v1/photos/{id}/image'}"
    )
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}")
    if not times:
        print("no successful fetch", errors[:5])
        return 1
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"{len(times)} fetches by {args.clients} clients in {elapsed:.1f} s: "
          f"{len(times) / elapsed:.0f} fetches/s; latency median "
          f"{statistics.median(times):.1f} ms, p95 {p95:.1f} ms; errors {len(errors)}")  # fmt: skip
    n = len(times)
    per = (server_cpu + postgres_cpu) / n * 1000
    print(f"CPU per fetch: {per:.2f} ms (server {server_cpu / n * 1000:.2f} ms, PostgreSQL "
          f"{postgres_cpu / n * 1000:.2f} ms; client {client_cpu / n * 1000:.2f} ms) -> "
          f"2 cores bound {2000 / per:.0f} fetches/s without the client; "
          f"loadavg {' '.join(load)}")  # fmt: skip
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
