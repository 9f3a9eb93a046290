"""Officer search with 1 000 000 photos on PostgreSQL: by HETU and by photo ID.

    .venv/bin/python bench/officer_bench.py        # uses postgres://postgres@127.0.0.1:5432/luppa_bench

Fills the database once with SQL (generate_series: about a minute), runs ANALYZE, then times
the officer's real search functions (luppa.officer.search) and prints their query plans.
Target: median ≤ 20 ms for each; the plans must use indexes, not sequential scans.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/luppa_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luppa.settings")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import psycopg

TARGET_ROWS = int(os.environ.get("LUPPA_BENCH_ROWS", "1000000"))
KNOWN_HETU = "131052-308T"


def ensure_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname=%s", (name,)).fetchone():
            conn.execute(f'create database "{name}"')


ensure_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from luppa.accounts.models import Account, Photographer  # noqa: E402
from luppa.core import photo_id  # noqa: E402
from luppa.core.person_id import hetu_hash  # noqa: E402
from luppa.photos.models import Photo  # noqa: E402

FILL_SQL = """
insert into photos_photo (
    account_id, photographer_id, state, evaluation, photo_id, first_names, surname,
    birth_date, hetu_hash, consent_at, taken_at, created_at, submitted_at, receipt_email,
    receipt_phone, checks, verdict, guided_ticks, medical_exception, officer_name,
    rejection_reasons, officer_message
)
select %(account)s, %(photographer)s, 'submitted',
       (array['pending','approved','rejected'])[1 + i %% 3],
       upper(substr(md5('id' || i), 1, 10)),
       'Etunimi' || (i %% 997), 'Sukunimi' || (i %% 991),
       date '1950-01-01' + (i %% 20000),
       encode(sha256(('person' || (i / 2))::bytea), 'hex'),
       now() - (i %% 200) * interval '1 day', now() - (i %% 200) * interval '1 day',
       now() - (i %% 200) * interval '1 day', now() - (i %% 200) * interval '1 day',
       '', '', '[]', 'fail', '{}', false, '', '[]', ''
from generate_series(%(start)s, %(stop)s) as i
"""


def fill() -> None:
    call_command("migrate", verbosity=0)
    have = Photo.objects.count()
    if have >= TARGET_ROWS:
        return
    account, _ = Account.objects.get_or_create(
        business_id="3456789-8",
        defaults={"kind": "company", "name": "Bench Oy", "studio_name": "Bench Studio"},
    )
    photographer, _ = Photographer.objects.get_or_create(account=account, name="Bench")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for start in range(have + 1, TARGET_ROWS + 1, 100_000):
            stop = min(start + 99_999, TARGET_ROWS)
            cursor.execute(FILL_SQL, {"account": account.pk, "photographer": photographer.pk,
                                      "start": start, "stop": stop})  # fmt: skip
        cursor.execute("analyze photos_photo")
    print(f"filled {TARGET_ROWS - have} rows in {time.perf_counter() - started:.0f} s")
    # A real person with three photos and real, valid photo IDs to look up.
    known = hetu_hash(KNOWN_HETU)
    for _i in range(3):
        Photo.objects.filter(pk=Photo.objects.order_by("?").values("pk")[:1]).update(
            hetu_hash=known, photo_id=photo_id.generate()
        )


def timed(fn, args_list: list) -> list[float]:
    out = []
    for args in args_list:
        t = time.perf_counter()
        fn(*args)
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> int:
    from luppa.officer import search

    fill()
    total = Photo.objects.count()
    hashes = list(
        Photo.objects.order_by("?").values_list("hetu_hash", flat=True)[:200]
    )  # a realistic mix of people: about two photos each
    ids = list(Photo.objects.order_by("?").values_list("photo_id", flat=True)[:200])
    by_hetu = timed(lambda h: list(search.by_hetu_hash(h)[:50]), [(h,) for h in hashes])
    by_id = timed(lambda i: list(search.by_photo_id(i)), [(i,) for i in ids])
    for label, times in (("by HETU", by_hetu), ("by photo ID", by_id)):
        print(f"officer search {label}: median {statistics.median(times):.2f} ms, "
              f"p90 {statistics.quantiles(times, n=10)[-1]:.2f} ms (n={len(times)}, "
              f"{total} photos)")  # fmt: skip
    for label, queryset in (
        ("by HETU", search.by_hetu_hash(hashes[0])[:50]),
        ("by photo ID", search.by_photo_id(ids[0])),
    ):
        print(f"\nplan, {label}:\n{queryset.explain(analyze=True)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
