"""Load on the production server: photographers submitting through the studio API while
officers search, against PostgreSQL and Redis, with `luppa serve` (gunicorn) and one
`luppa worker` (face embeddings and receipts run there, as in production).

    .venv/bin/python bench/load_bench.py \\
        --database-url postgres://postgres@127.0.0.1:5432/luppa_bench \\
        --cache-url redis://127.0.0.1:6379/2 --port 8110 --duration 180

Three phases, each reported with `/proc/loadavg` before and after (the machine is shared):

1. **Cost, one request at a time.** Each kind of API request alone, ten times: the median
   wall time and the CPU seconds the gunicorn workers spent per request (from
   /proc/<pid>/stat: independent of how loaded the machine is), and for a submission also
   the CPU the background worker spent on its tasks (the face embedding, the receipt).
2. **People.** 50 photographers (each its own studio account and API key) and 5 officers
   for 3 minutes. A photographer takes a photo every N = 120 s on average, with ±50 %
   uniform jitter (60–180 s), each time: check a real 500×653 JPEG (POST /api/v1/checks),
   submit it with an Idempotency-Key and a receipt e-mail (POST /api/v1/photos), list its
   sent photos. Starts follow a schedule, not the previous answer (a slow answer does not
   slow the offered load down). Why 120 s: a studio customer takes 5–10 minutes (pose,
   shoot, choose, pay), so a photographer submitting every 2 minutes is working flat out;
   and 50 of them offer 0.42 photos/s = 1,500 an hour. Finland takes very roughly a million
   permit photos a year (passports, identity cards, residence permits: an estimate from
   public figures, not from SPEC.md), about 4,000 per working day, 500 an hour over 8
   hours; a peak hour (spring, midday) is about three times that: 1,500. So this phase is
   the whole country's peak hour on one 2-core machine. `--interval 30` offers four times
   as much (6,000 an hour).
   An officer (signed in through the fake OIDC provider before the load starts) repeats:
   a lost-receipt search by surname, opening a found photo, 3–8 s of reading.
   Targets: no errors, p99 < 1 s.
3. **Maximum sustainable throughput.** Photographers with no pause at all (closed loop),
   1, 2, 4 and 8 at a time, 30 s each: submissions per second and p99 at each step. The
   maximum sustainable throughput is the best step whose p99 stays under 1 s with no errors.

Reported: requests per second, p50/p99 per kind of request, errors, CPU seconds per
submission, each gunicorn worker's resident memory (largest sample). The load generator
runs on the same 2 cores as the server, so wall-clock figures are a lower bound of what
the server alone would do; the CPU figures are not affected. The database (name must
contain "bench") is dropped and created afresh.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
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
    officer_login,
    rss_mb,
    run,
    sample_jpeg,
    start,
    start_worker,
    stop_process,
    wait_ready,
    worker_pids,
)
from two_instances import recreate

SURNAMES = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Koskinen"]


def loadavg() -> str:
    return Path("/proc/loadavg").read_text().strip()


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        # 429s are the studio API's per-key upload throttle doing its job (one key flat out),
        # not failures: counted apart so that they neither pass for errors nor for speed.
        self.throttled: dict[str, int] = defaultdict(int)

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
            if response.status_code == 429 and 429 not in expect:
                self.throttled[kind] += 1
                return response
            self.times[kind].append(elapsed)
            if response.status_code not in expect:
                self.errors[kind].append(str(response.status_code))
        return response

    def count(self, kind: str) -> int:
        return len(self.times.get(kind, []))

    def all_times(self) -> list[float]:
        return [t for times in self.times.values() for t in times]

    def error_count(self) -> int:
        return sum(len(v) for v in self.errors.values())


def one_photo(base: str, session: requests.Session, name: str, jpeg: bytes, rec: Recorder) -> None:
    """What studio software does for one customer: check, submit, list."""
    files = {"image": ("photo.jpg", jpeg, "image/jpeg")}
    rec.timed("api check", session, "POST", f"{base}/api/v1/checks", files=files)
    data = {
        "photographer": name,
        "consent": "true",
        "surname": random.choice(SURNAMES),
        "receipt_email": "asiakas@example.fi",
    }
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    rec.timed("api submit", session, "POST", f"{base}/api/v1/photos", expect=(201,),
              data=data, files=files, headers=headers)  # fmt: skip
    rec.timed("api list", session, "GET", f"{base}/api/v1/photos?page_size=20")


def _studio_session(secret: str) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {secret}"
    return session


def photographer(base: str, secret: str, name: str, jpeg: bytes, rec: Recorder,
                 stop: threading.Event, interval: float, jitter: float) -> None:  # fmt: skip
    """A photo every `interval` s ± jitter, on a schedule (open loop): a slow answer does not
    push the next customer later, as it would not in a studio."""
    session = _studio_session(secret)
    # Studios do not start together: the first photo somewhere within one interval.
    due = time.monotonic() + random.uniform(0, interval)
    while not stop.wait(max(0.0, due - time.monotonic())):
        one_photo(base, session, name, jpeg, rec)
        due += interval * random.uniform(1 - jitter, 1 + jitter)


def flat_out(base: str, secret: str, name: str, jpeg: bytes, rec: Recorder,
             stop: threading.Event) -> None:  # fmt: skip
    """A photographer with no pause at all: the next photo as soon as the last is done."""
    session = _studio_session(secret)
    while not stop.is_set():
        one_photo(base, session, name, jpeg, rec)


def officer(base: str, session: requests.Session, rec: Recorder, stop: threading.Event) -> None:
    """An officer already signed in (at the start of the day, not under this load: the
    development set-up's OIDC provider is this same server, called back by itself)."""
    while not stop.is_set():
        token = session.cookies.get("csrftoken", "")
        found = rec.timed(
            "officer search",
            session,
            "POST",
            f"{base}/officer/search/",
            data={"by": "details", "details-surname": random.choice(SURNAMES),
                  "csrfmiddlewaretoken": token},
            headers={"Referer": f"{base}/officer/search/"},
        )  # fmt: skip
        ids = re.findall(r'href="/officer/photos/(\w+)/"', found.text) if found is not None else []
        if ids:
            photo = random.choice(ids)
            rec.timed("officer photo", session, "GET", f"{base}/officer/photos/{photo}/")
        if stop.wait(random.uniform(3, 8)):
            return


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):  # a worker recycled meanwhile
            total += cpu_seconds(pid)
    return total


def _tasks_waiting() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()


def _drain(timeout: float = 120) -> None:
    """Waits until the background worker has run every queued task."""
    deadline = time.monotonic() + timeout
    while _tasks_waiting() and time.monotonic() < deadline:
        time.sleep(0.5)


def cost_phase(base: str, web: list[int], worker: int, studio: tuple[str, str], jpeg: bytes,
               rounds: int = 10) -> None:  # fmt: skip
    """Each kind of request alone: wall time, and CPU seconds of the server per request."""
    secret, name = studio
    session = _studio_session(secret)
    print(f"\n[1] cost, one request at a time ({rounds} each); loadavg {loadavg()}")
    print(f"{'request':<12}{'median ms':>10}{'web CPU ms':>12}{'worker CPU ms':>15}")
    for kind, method, path, kwargs in (
        ("check", "POST", "/api/v1/checks", {}),
        ("submit", "POST", "/api/v1/photos",
         {"data": {"photographer": name, "consent": "true", "receipt_email": "a@example.fi"}}),
        ("list", "GET", "/api/v1/photos", {}),
    ):  # fmt: skip
        _drain()
        times = []
        web_before, worker_before = _cpu(web), _cpu([worker])
        for _ in range(rounds):
            extra = dict(kwargs)
            if method == "POST":
                extra["files"] = {"image": ("p.jpg", jpeg, "image/jpeg")}
            started = time.perf_counter()
            session.request(method, f"{base}{path}", timeout=60, **extra).raise_for_status()
            times.append(time.perf_counter() - started)
        web_cpu = (_cpu(web) - web_before) / rounds
        _drain()
        worker_cpu = (_cpu([worker]) - worker_before) / rounds
        print(f"{kind:<12}{statistics.median(times) * 1000:>10.0f}{web_cpu * 1000:>12.0f}"
              f"{worker_cpu * 1000:>15.0f}")  # fmt: skip
    print(f"loadavg after: {loadavg()}")


def report(rec: Recorder, elapsed: float) -> None:
    total = len(rec.all_times())
    print(f"throughput: {total / elapsed:.1f} requests/s ({total} requests), "
          f"{rec.count('api submit') / elapsed:.2f} submissions/s")  # fmt: skip
    print(f"{'request':<16}{'count':>7}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}")
    for kind in sorted(rec.times):
        times = rec.times[kind]
        print(
            f"{kind:<16}{len(times):>7}{statistics.median(times) * 1000:>9.0f}"
            f"{percentile(times, 0.99) * 1000:>9.0f}{max(times) * 1000:>9.0f}"
            f"{len(rec.errors.get(kind, [])):>8}"
        )
    everything = rec.all_times()
    if everything:
        print(
            f"{'all':<16}{len(everything):>7}{statistics.median(everything) * 1000:>9.0f}"
            f"{percentile(everything, 0.99) * 1000:>9.0f}{max(everything) * 1000:>9.0f}"
            f"{rec.error_count():>8}"
        )
    if rec.error_count():
        print("errors:", {k: sorted(set(v)) for k, v in rec.errors.items() if v})


def people_phase(args, base: str, instance, worker: int, studios, jpeg: bytes) -> int:
    print(f"\n[2] people: {args.photographers} photographers, a photo every "
          f"{args.interval:g} s ±{args.jitter * 100:.0f} %, {args.officers} officers, "
          f"{args.duration:g} s; loadavg {loadavg()}")  # fmt: skip
    rec, stop = Recorder(), threading.Event()
    threads = [
        threading.Thread(target=photographer, daemon=True,
                         args=(base, secret, name, jpeg, rec, stop, args.interval, args.jitter))
        for secret, name in studios
    ]  # fmt: skip
    people = ["outi", "mikael"]
    sessions = []
    for i in range(args.officers):
        sessions.append(requests.Session())
        officer_login(sessions[-1], base, people[i % 2])
    threads += [
        threading.Thread(target=officer, args=(base, session, rec, stop), daemon=True)
        for session in sessions
    ]
    memory: dict[int, float] = {}
    web_before, worker_before = _cpu(worker_pids(instance)), _cpu([worker])
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
    web_cpu = _cpu(worker_pids(instance)) - web_before
    _drain()
    worker_cpu = _cpu([worker]) - worker_before
    report(rec, elapsed)
    submissions = max(1, rec.count("api submit"))
    print(f"server CPU: web {web_cpu:.1f} s + background {worker_cpu:.1f} s over "
          f"{submissions} photos = {(web_cpu + worker_cpu) / submissions * 1000:.0f} ms per photo "
          f"(check + submit + list, and the officers' share); "
          f"{(web_cpu + worker_cpu) / elapsed:.2f} of {os.cpu_count()} cores busy")  # fmt: skip
    print("memory per web worker (largest RSS sample, MB): "
          + ", ".join(f"{mb:.0f}" for mb in sorted(memory.values()))
          + f"; master {rss_mb(instance.process.pid):.0f} MB; background worker "
          f"{rss_mb(worker):.0f} MB")  # fmt: skip
    print(f"loadavg after: {loadavg()}")
    return rec.error_count()


def max_phase(args, base: str, instance, worker: int, studios, jpeg: bytes) -> int:
    print(f"\n[3] maximum sustainable throughput: photographers with no pause, "
          f"{args.step_duration:g} s per step; loadavg {loadavg()}")  # fmt: skip
    print(f"{'photographers':>13}{'photos/s':>10}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}"
          f"{'errors':>8}{'CPU ms/photo':>14}{'cores got':>11}  loadavg")  # fmt: skip
    best, errors, cheapest = 0.0, 0, float("inf")
    for concurrency in args.max_steps:
        _drain()
        rec, stop = Recorder(), threading.Event()
        threads = [
            threading.Thread(target=flat_out, daemon=True,
                             args=(base, secret, name, jpeg, rec, stop))
            for secret, name in studios[:concurrency]
        ]  # fmt: skip
        pids = [*worker_pids(instance), worker]
        cpu_before = _cpu(pids)
        started = time.monotonic()
        for thread in threads:
            thread.start()
        stop.wait(args.step_duration)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.monotonic() - started
        _drain()  # the step's background tasks belong to its cost
        cpu = _cpu(pids) - cpu_before
        cpu_ms = cpu / max(1, rec.count("api submit")) * 1000
        everything = rec.all_times()
        rate = rec.count("api submit") / elapsed
        p99 = percentile(everything, 0.99)
        errors += rec.error_count()
        if sum(rec.throttled.values()):
            print(f"{'':>13}  ({sum(rec.throttled.values())} requests throttled with 429 by the "
                  f"per-key upload limit, LUPPA_API_UPLOAD_RATE; not counted above)")  # fmt: skip
        if p99 < 1.0 and not rec.error_count():
            best = max(best, rate)
        print(f"{concurrency:>13}{rate:>10.2f}{len(everything) / elapsed:>8.1f}"
              f"{statistics.median(everything) * 1000:>8.0f}{p99 * 1000:>8.0f}"
              f"{rec.error_count():>8}{cpu_ms:>14.0f}{cpu / elapsed:>11.2f}"
              f"  {loadavg()}")  # fmt: skip
        cheapest = min(cheapest, cpu_ms)
    print(f"CPU-bound ceiling on a quiet machine: {os.cpu_count()} cores / {cheapest:.0f} ms "
          f"= {os.cpu_count() / cheapest * 1000:.1f} photos/s (the load generator's own CPU "
          f"not counted)")  # fmt: skip
    if best:
        print(f"maximum sustainable: {best:.2f} photos/s (check + submit + list each) with "
              f"p99 < 1 s = {best * 3600:.0f} an hour")  # fmt: skip
    else:
        print("maximum sustainable: no step kept p99 < 1 s on this machine as loaded")
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/luppa_bench")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/2")
    parser.add_argument("--port", type=int, default=8110)
    parser.add_argument("--duration", type=float, default=180.0, help="seconds of the people phase")
    parser.add_argument("--photographers", type=int, default=50)
    parser.add_argument("--officers", type=int, default=5)
    parser.add_argument(
        "--interval",
        type=float,
        default=120.0,
        help="mean seconds between one photographer's photos (120)",
    )
    parser.add_argument("--jitter", type=float, default=0.5, help="± share of the interval (0.5)")
    parser.add_argument(
        "--max-steps",
        type=int,
        nargs="*",
        default=[1, 2, 4, 8],
        help="photographers with no pause, per step of phase 3 (none: skip it)",
    )
    parser.add_argument("--step-duration", type=float, default=30.0)
    parser.add_argument("--skip-people", action="store_true", help="only phases 1 and 3")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (0: default)")
    args = parser.parse_args()  # fmt: skip

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
    for n in range(max(args.photographers, *(args.max_steps or [0]))):
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
    worker = start_worker(env, Path(var))
    errors = 0
    try:
        wait_ready(instance)
        base = instance.base
        print(f"luppa serve with {len(worker_pids(instance))} workers on {os.cpu_count()} cores, "
              f"one luppa worker; a {len(jpeg) // 1000} kB 500×653 JPEG")  # fmt: skip
        cost_phase(base, worker_pids(instance), worker.pid, studios[-1], jpeg)
        if not args.skip_people:
            errors += people_phase(args, base, instance, worker.pid, studios[: args.photographers],
                                   jpeg)  # fmt: skip
        if args.max_steps:
            errors += max_phase(args, base, instance, worker.pid, studios, jpeg)
    finally:
        instance.stop()
        stop_process(worker)
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
