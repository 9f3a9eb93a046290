"""Two app instances on different ports, one PostgreSQL database, one Redis: does state
that must be shared hold across them?

    .venv/bin/python bench/two_instances.py \\
        --database-url postgres://postgres@127.0.0.1:5432/luppa_multi \\
        --cache-url redis://127.0.0.1:6379/2 --ports 8110 8111

The database is dropped and created afresh (its name must contain "multi" or "bench"), then
migrated and seeded with the demo data. Shown, each as PASS or FAIL:

1. a Suomi.fi assertion used on one instance is refused on the other: the browser's
   SAMLResponse from the fake IdP (/fake-idp/) is posted to both instances at the same
   moment, by the user's browser to one and by a replaying attacker to the other, and
   exactly one of the two logs in; the single-use record is in the shared Redis;
2. an API submission with an Idempotency-Key, retried on the other instance, returns the
   first photo and makes no second one;
3. an officer's decision made on one instance (signed in through the fake OpenID Connect
   provider, /fake-oidc/) is seen on the other, by the studio API.
Exits non-zero if any fails.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import sys
import tempfile
import uuid
from pathlib import Path

import psycopg
import redis
import requests
from serverkit import (
    callback,
    environment,
    officer_login,
    run,
    saml_response_for,
    sample_jpeg,
    start,
    wait_ready,
)


def recreate(database_url: str) -> None:
    name = database_url.rsplit("/", 1)[1]
    if "multi" not in name and "bench" not in name:
        sys.exit(f"refusing to drop {name!r}: use a database named for this script")
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/luppa_multi")
    parser.add_argument(
        "--cache-url",
        default="redis://127.0.0.1:6379/2",
        help="locmem:// shows what goes wrong without a shared cache",
    )
    parser.add_argument("--ports", nargs=2, type=int, default=[8110, 8111])
    parser.add_argument("--trials", type=int, default=5, help="replay races to run")
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="luppa-multi-")
    env = environment(args.database_url, args.cache_url, var)
    # One public address for both, as behind one load balancer: the SAML audience and the
    # assertion consumer service are the service's, not one machine's.
    env["LUPPA_BASE_URL"] = f"http://127.0.0.1:{args.ports[0]}"
    os.environ.update(env)
    recreate(args.database_url)
    shared = args.cache_url.startswith("redis")
    if shared:
        redis.Redis.from_url(args.cache_url).flushdb()
    run(["migrate", "--noinput"], env)
    run(["seed_demo"], env)
    run(["collectstatic", "--noinput"], env)

    import django

    django.setup()
    from luppa.accounts.models import Account, ApiKey

    kuvaamo = Account.objects.get(business_id="1234567-1")
    _key, secret = ApiKey.issue(kuvaamo, "two-instance check")
    photographer = kuvaamo.photographers.filter(active=True).first()

    instances = [start(port, env, workers=1, log_dir=Path(var)) for port in args.ports]
    results: list[tuple[str, bool, str]] = []
    try:
        for instance in instances:
            wait_ready(instance)
        a, b = (instance.base for instance in instances)

        # 1. One assertion, posted to both instances at once.
        accepted_counts = []
        for _trial in range(args.trials):
            browser, attacker = requests.Session(), requests.Session()
            saml = saml_response_for(browser, a, "pia")
            with concurrent.futures.ThreadPoolExecutor(2) as pool:
                answers = list(pool.map(callback, (browser, attacker), (a, b), (saml, saml)))
            accepted_counts.append(
                sum(r.headers.get("Location") == "/login/choose/" for r in answers)
            )
        keys = redis.Redis.from_url(args.cache_url).keys("*saml:assertion:*") if shared else []
        ok = all(n == 1 for n in accepted_counts) and len(keys) >= args.trials
        results.append(
            ("assertion replayed on the other instance is refused", ok,
             f"logins accepted per race: {accepted_counts}; single-use keys in Redis: {len(keys)}")
        )  # fmt: skip

        # 2. Idempotent submit, retried on the other instance.
        jpeg = sample_jpeg()
        key = str(uuid.uuid4())
        headers = {"Authorization": f"Bearer {secret}", "Idempotency-Key": key}
        data = {"photographer": photographer.name, "consent": "true"}

        def submit(base: str) -> requests.Response:
            files = {"image": ("photo.jpg", jpeg, "image/jpeg")}
            return requests.post(f"{base}/api/v1/photos", headers=headers, data=data, files=files)

        first, retry = submit(a), submit(b)
        first_id = first.json().get("photo_id") if first.status_code == 201 else None
        ok = (
            first.status_code == 201
            and retry.status_code == 201
            and retry.json().get("photo_id") == first_id
            and retry.headers.get("Idempotent-Replayed") == "true"
        )
        results.append(
            ("idempotent submit retried on the other instance returns the first photo", ok,
             f"first {first.status_code} {first_id}; retry {retry.status_code} "
             f"{retry.json().get('photo_id')} replayed={retry.headers.get('Idempotent-Replayed')}")
        )  # fmt: skip

        # 3. A decision on A, seen on B.
        officer = requests.Session()
        officer_login(officer, a, "outi")
        page = officer.get(f"{a}/officer/photos/{first_id}/").text
        decided = officer.post(
            f"{a}/officer/photos/{first_id}/decide/",
            {
                "permit_type": "passport",
                "outcome": "approved",
                "seen": "",
                "csrfmiddlewaretoken": officer.cookies["csrftoken"],
            },
            allow_redirects=False,
        )
        seen = requests.get(
            f"{b}/api/v1/photos/{first_id}", headers={"Authorization": f"Bearer {secret}"}
        ).json()
        ok = decided.status_code in (302, 303) and seen.get("status") == "approved"
        results.append(
            ("a decision made on one instance is seen on the other", ok,
             f"decide on {args.ports[0]}: {decided.status_code}; status on {args.ports[1]}: "
             f"{seen.get('status')} (officer page {len(page)} bytes)")
        )  # fmt: skip
    finally:
        for instance in instances:
            instance.stop()

    for name, ok, detail in results:
        print(f"{'PASS' if ok else 'FAIL'}  {name}\n      {detail}")
    return 0 if results and all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
