"""Load on the production server: photographers submitting through the studio API while
officers search, against PostgreSQL and Redis, with `luppa serve` (gunicorn).

    .venv/bin/python bench/load_bench.py \\
        --database-url postgres://postgres@127.0.0.1:5432/luppa_bench \\
        --cache-url redis://127.0.0.1:6379/2 --port 8110 --duration 180

Each simulated photographer (default 50, each with a studio account and an API key of its
own) repeats: check a real 500×653 JPEG (POST /api/v1/checks), submit it with an
Idempotency-Key and receipt e-mail (POST /api/v1/photos), list its sent photos, then waits
a think time (default 20–40 s: the time to shoot the next customer). Each officer (default
5) logs in through the test identification page and repeats: a lost-receipt search by
surname, opening a found photo, then 3–8 s of reading. Targets: no errors, p99 < 1 s.

Reported: requests per second, p50/p99 per kind of request, errors, and each gunicorn
worker's resident memory (largest sample). The load generator runs on the same 2 cores as
the server, so the figures are a lower bound of what the server alone would do.
The database (name must contain "bench") is dropped and created afresh.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import requests
from serverkit import (
    cpu_seconds,
    environment,
    login,
    rss_mb,
    run,
    sample_jpeg,
    start,
    wait_ready,
    worker_pids,
)
from two_instances import recreate

SURNAMES = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Koskinen"]


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)

    def timed(
        self,
        kind: str,
        session: requests.Session,
        method: str,
        url: str,
        expect: tuple[int, ...] = (200,),
        **kwargs: object,
    ) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = session.request(method, url, timeout=60, **kwargs)
        except requests.RequestException as exc:
            with self.lock:
                self.errors[kind].append(type(exc).__name__)
            return None
        elapsed = time.perf_counter() - started
        with self.lock:
            self.times[kind].append(elapsed)
            if response.status_code not in expect:
                self.errors[kind].append(str(response.status_code))
        return response


def photographer(base: str, secret: str, name: str, jpeg: bytes, rec: Recorder,
                 stop: threading.Event, think: tuple[float, float]) -> None:  # fmt: skip
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {secret}"
    # Spread the first requests over one think time, as real studios do not start together.
    if stop.wait(random.uniform(0, think[1])):
        return
    while not stop.is_set():
        files = {"image": ("photo.jpg", jpeg, "image/jpeg")}
        rec.timed("api check", session, "POST", f"{base}/api/v1/checks", files=files)
        data = {
            "photographer": name,
            "consent": "true",
            "surname": random.choice(SURNAMES),
            "receipt_email": "asiakas@example.fi",
        }
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        rec.timed(
            "api submit",
            session,
            "POST",
            f"{base}/api/v1/photos",
            expect=(201,),
            data=data,
            files=files,
            headers=headers,
        )
        rec.timed("api list", session, "GET", f"{base}/api/v1/photos?page_size=20")
        if stop.wait(random.uniform(*think)):
            return


def officer(base: str, person: str, rec: Recorder, stop: threading.Event) -> None:
    session = requests.Session()
    login(session, base, person, "staff")
    token = session.cookies["csrftoken"]
    while not stop.is_set():
        surname = random.choice(SURNAMES)
        found = rec.timed(
            "officer search",
            session,
            "POST",
            f"{base}/officer/search/",
            data={"by": "details", "details-surname": surname, "csrfmiddlewaretoken": token},
        )
        ids = []
        if found is not None:
            import re

            ids = re.findall(r'href="/officer/photos/(\w+)/"', found.text)
        if ids:
            photo = random.choice(ids)
            rec.timed("officer photo", session, "GET", f"{base}/officer/photos/{photo}/")
        if stop.wait(random.uniform(3, 8)):
            return


def _baseline(base: str, studio: tuple[str, str], jpeg: bytes, rounds: int = 5) -> dict:
    """Each kind of API request alone, several times: the service time without queueing."""
    secret, name = studio
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {secret}"
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        for kind, method, path, kwargs in (
            ("check", "POST", "/api/v1/checks", {"files": {"image": ("p.jpg", jpeg)}}),
            ("submit", "POST", "/api/v1/photos", {
                "files": {"image": ("p.jpg", jpeg)},
                "data": {"photographer": name, "consent": "true"},
            }),
            ("list", "GET", "/api/v1/photos", {}),
        ):  # fmt: skip
            started = time.perf_counter()
            session.request(method, f"{base}{path}", timeout=60, **kwargs).raise_for_status()
            times[kind].append(time.perf_counter() - started)
    return {kind: statistics.median(values) * 1000 for kind, values in times.items()}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/luppa_bench")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/2")
    parser.add_argument("--port", type=int, default=8110)
    parser.add_argument("--duration", type=float, default=180.0, help="seconds of load")
    parser.add_argument("--photographers", type=int, default=50)
    parser.add_argument("--officers", type=int, default=5)
    parser.add_argument("--think", type=float, nargs=2, default=[20.0, 40.0])
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (0: default)")
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="luppa-load-")
    env = environment(args.database_url, args.cache_url, var)
    os.environ.update(env)
    recreate(args.database_url)
    run(["migrate", "--noinput"], env)
    run(["seed_demo"], env)

    import django

    django.setup()
    from luppa.accounts.models import Account, ApiKey, Photographer

    studios, number = [], 2000000
    for n in range(args.photographers):
        number = _valid_number(number + 1)
        account = Account.objects.create(
            kind="company",
            name=f"Kuvaamo {n} Oy",
            business_id=_business_id(number),
            studio_name=f"Studio {n}",
        )
        photographer_ = Photographer.objects.create(account=account, name=f"Kuvaaja {n}")
        _key, secret = ApiKey.issue(account, "load bench")
        studios.append((secret, photographer_.name))
    jpeg = sample_jpeg()

    instance = start(args.port, env, workers=args.workers, log_dir=Path(var))
    rec, stop = Recorder(), threading.Event()
    memory: dict[int, float] = {}
    try:
        wait_ready(instance)
        base = instance.base
        threads = [
            threading.Thread(
                target=photographer,
                args=(base, secret, name, jpeg, rec, stop, tuple(args.think)),
                daemon=True,
            )
            for secret, name in studios
        ]
        people = ["outi", "mikael"]
        threads += [
            threading.Thread(target=officer, args=(base, people[i % 2], rec, stop), daemon=True)
            for i in range(args.officers)
        ]
        baseline = _baseline(base, studios[0], jpeg)
        cpu_before = {pid: cpu_seconds(pid) for pid in worker_pids(instance)}
        load_before = os.getloadavg()[0]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        while time.monotonic() - started < args.duration:
            time.sleep(5)
            for pid in worker_pids(instance):
                memory[pid] = max(memory.get(pid, 0.0), rss_mb(pid))
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.monotonic() - started
        # CPU the workers spent (their share of a shared machine is whatever it was).
        cpu_used = sum(cpu_seconds(pid) - cpu_before.get(pid, 0.0) for pid in worker_pids(instance))
        load_after = os.getloadavg()[0]
        master_rss = rss_mb(instance.process.pid)
    finally:
        instance.stop()

    print(
        "one request at a time before the load (service time on this machine as loaded), "
        "median ms: " + ", ".join(f"{k} {v:.0f}" for k, v in baseline.items())
    )
    total = sum(len(v) for v in rec.times.values())
    print(
        f"{args.photographers} photographers (think {args.think[0]:g}–{args.think[1]:g} s), "
        f"{args.officers} officers, {elapsed:.0f} s, luppa serve with {len(memory)} workers"
    )
    print(f"throughput: {total / elapsed:.1f} requests/s ({total} requests)")
    print(f"{'request':<16}{'count':>7}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}")
    for kind in sorted(rec.times):
        times = rec.times[kind]
        print(
            f"{kind:<16}{len(times):>7}{statistics.median(times) * 1000:>9.0f}"
            f"{percentile(times, 0.99) * 1000:>9.0f}{max(times) * 1000:>9.0f}"
            f"{len(rec.errors.get(kind, [])):>8}"
        )
    everything = [t for times in rec.times.values() for t in times]
    errors = sum(len(v) for v in rec.errors.values())
    print(
        f"{'all':<16}{len(everything):>7}{statistics.median(everything) * 1000:>9.0f}"
        f"{percentile(everything, 0.99) * 1000:>9.0f}{max(everything) * 1000:>9.0f}{errors:>8}"
    )
    print(
        f"server CPU: {cpu_used:.1f} s for {total} requests = {cpu_used / total * 1000:.0f} ms "
        f"per request on average; load average {load_before:.1f} before, {load_after:.1f} after "
        f"(the machine has {os.cpu_count()} cores)"
    )
    if errors:
        print("errors:", {k: sorted(set(v)) for k, v in rec.errors.items() if v})
    print(
        "memory per worker (largest RSS sample, MB): "
        + ", ".join(f"{mb:.0f}" for mb in sorted(memory.values()))
        + f"; master {master_rss:.0f} MB"
    )
    return 0 if errors == 0 else 1


def _remainder(number: int) -> int:
    weights = (7, 9, 10, 5, 8, 4, 2)
    return sum(int(d) * w for d, w in zip(f"{number:07d}", weights, strict=True)) % 11


def _valid_number(number: int) -> int:
    """The first number from `number` on whose business ID has a check digit (not 1)."""
    return number if _remainder(number) != 1 else _valid_number(number + 1)


def _business_id(number: int) -> str:
    """A valid Finnish business ID (Y-tunnus) for a 7-digit number."""
    remainder = _remainder(number)
    return f"{number:07d}-{0 if remainder == 0 else 11 - remainder}"


if __name__ == "__main__":
    sys.exit(main())
