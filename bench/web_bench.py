"""Photographer's service speed: upload to receipt, and Sent photos with 10 000 photos.

    .venv/bin/python bench/web_bench.py                      # embedded SQLite (temp file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luppa_bench .venv/bin/python bench/web_bench.py

One worker (this process, pinned to one core) serves the requests through Django's test
client, so the times are the server's own: views, checks, database, templates; no network.
Targets: upload to receipt ≤ 250 ms median; Sent photos page ≤ 100 ms median.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luppa.settings")
os.environ.setdefault("LUPPA_VAR_DIR", tempfile.mkdtemp(prefix="luppa-bench-"))
os.environ.setdefault("LUPPA_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django

django.setup()

import datetime as dt  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from luppa.accounts.middleware import SESSION_KEY  # noqa: E402
from luppa.accounts.models import Account, Photographer, User  # noqa: E402
from luppa.core import photo_id  # noqa: E402
from luppa.photos.models import Photo  # noqa: E402
from luppa.quality import warm_up  # noqa: E402
from luppa.quality.frame import frame  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "src/luppa/quality/samples/obama.jpg"
RUNS = 30


def timed(fn, runs: int = RUNS) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def report(label: str, times: list[float]) -> None:
    p90 = statistics.quantiles(times, n=10)[-1]
    print(f"{label}: median {statistics.median(times):.1f} ms, p90 {p90:.1f} ms (n={len(times)})")


def client_for(account: Account, user: User) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = account.pk
    session.save()
    return client


def upload_to_receipt(client: Client, photographer: Photographer, jpeg: bytes) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "first_names": "Matti", "surname": "Meikäläinen", "hetu": "131052-308T",
        "consent": "on", "photographer": photographer.pk,
        "image": SimpleUploadedFile("photo.jpg", jpeg, content_type="image/jpeg"),
    }  # fmt: skip
    draft = client.post("/photos/new/", data)
    assert draft.status_code == 302, draft.status_code
    review = draft["Location"]
    pk = int(review.rstrip("/").split("/")[-1])
    done = client.post(f"/photos/draft/{pk}/submit/", {"receipt_email": "a@example.invalid"})
    assert done.status_code == 302, done.status_code
    receipt = client.get(done["Location"])
    assert receipt.status_code == 200


def fill(account: Account, photographers: list[Photographer], count: int) -> None:
    now = timezone.now()
    statuses = ["pending", "approved", "rejected"]
    rows = []
    for i in range(count):
        taken = now - dt.timedelta(minutes=7 * i)
        rows.append(
            Photo(
                account=account, photographer=photographers[i % len(photographers)],
                state="submitted", evaluation=statuses[i % 3], photo_id=photo_id.generate(),
                first_names=f"Etunimi{i % 97}", surname=f"Sukunimi{i % 89}",
                consent_at=taken, taken_at=taken, submitted_at=taken, verdict="fail",
            )
        )  # fmt: skip
    Photo.objects.bulk_create(rows, batch_size=1000)


def main() -> int:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    warm_up()
    jpeg = frame(SAMPLE.read_bytes()).jpeg
    user = User.objects.create(username="bench-user", full_name="Bench")
    account = Account.objects.create(
        kind="company", name="Bench Oy", business_id="2345678-0", studio_name="Bench"
    )
    photographers = [
        Photographer.objects.create(account=account, name=f"P{i}", mode="advanced")
        for i in range(3)
    ]
    client = client_for(account, user)
    report("upload to receipt (check included)",
           timed(lambda: upload_to_receipt(client, photographers[0], jpeg)))  # fmt: skip
    Photo.objects.filter(account=account).delete()
    fill(account, photographers, 10_000)
    print(f"{Photo.objects.filter(account=account).count()} photos in the account")
    for label, url in (
        ("Sent photos, first page", "/photos/sent/"),
        ("Sent photos, rejected tab", "/photos/sent/?status=rejected"),
        ("Sent photos, surname search", "/photos/sent/?surname=Sukunimi1"),
        ("Sent photos, page 100", "/photos/sent/?page=100"),
    ):
        report(label, timed(lambda url=url: client.get(url)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
