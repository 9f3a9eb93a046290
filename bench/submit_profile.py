"""Where a studio API submission's time goes: cProfile over N submissions through the
Django test client, in one process, grouped by the stages of the request path.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luppa_bench \\
        .venv/bin/python bench/submit_profile.py --submissions 20

The database is migrated (not dropped); an account and an API key are made for the run.
`--with-embedding` adds the face embedding, which the request computed before it became a
background task: the difference is what the studio no longer waits for.
CPU time (time.process_time) is reported beside wall time, so the figures hold on a busy
machine. The first submission (warm-up: models loaded, caches filled) is not profiled.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

# Stages of the request path: (label, module path fragment, function name).
STAGES = [
    ("quality checks (luppa.quality.assess)", "luppa/quality/assess.py", "assess"),
    ("face embedding (luppa.faces.embed_bytes)", "luppa/faces/embed.py", "embed_bytes"),
    ("image store: encryption (PhotoImage)", "luppa/photos/services.py", "_store_image"),
    ("encryption, all (luppa.core.crypto.encrypt)", "luppa/core/crypto.py", "encrypt"),
    ("audit record (luppa.audit.log.record)", "luppa/audit/log.py", "record"),
    ("receipt messages (queue_receipt)", "luppa/outbox/receipts.py", "queue_receipt"),
    ("statistics (reports.recording.on_submitted)", "luppa/reports/recording.py", "on_submitted"),
    ("response body (api representation)", "luppa/api/representation.py", "submitted"),
    ("idempotency record", "luppa/api/idempotency.py", "remember"),
    ("database: SQL execute (all)", "django/db/backends/utils.py", "_execute"),
]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--top", type=int, default=25, help="also print the top N by own time")
    parser.add_argument(
        "--with-embedding",
        action="store_true",
        help="also run the queued face-embedding task right after each submission, as the "
        "request itself did before it moved to the background worker",
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luppa.settings")
    os.environ.setdefault("LUPPA_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from load_bench import _business_id, _valid_number
    from serverkit import sample_jpeg

    from luppa.accounts.models import Account, ApiKey, Photographer

    call_command("migrate", interactive=False, verbosity=0)
    tag = uuid.uuid4().hex[:6]
    business_id = _business_id(_valid_number(random.randrange(3000000, 9000000)))
    account = Account.objects.create(
        kind="company", name=f"Profile {tag} Oy", business_id=business_id, studio_name="Profile"
    )
    photographer = Photographer.objects.create(account=account, name=f"Profiler {tag}")
    _key, secret = ApiKey.issue(account, "profile")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    jpeg = sample_jpeg()

    def submit() -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(
            "/api/v1/photos",
            {
                "photographer": photographer.name,
                "consent": "true",
                "surname": "Virtanen",
                "receipt_email": "asiakas@example.fi",
                "image": SimpleUploadedFile("p.jpg", jpeg, "image/jpeg"),
            },
            HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
        )
        assert response.status_code == 201, response.content[:300]
        if args.with_embedding:
            from luppa.photos.models import Photo
            from luppa.photos.services import embed_photo

            embed_photo.call(Photo.objects.filter(account=account).latest("pk").pk)

    submit()  # warm-up
    profiler = cProfile.Profile(time.process_time)
    wall = time.perf_counter()
    profiler.enable()
    for _ in range(args.submissions):
        submit()
    profiler.disable()
    wall = (time.perf_counter() - wall) / args.submissions
    stats = pstats.Stats(profiler)
    total = stats.total_tt / args.submissions
    print(
        f"{args.submissions} submissions: {total * 1000:.0f} ms CPU and {wall * 1000:.0f} ms "
        f"wall each; loadavg {Path('/proc/loadavg').read_text().strip()}"
    )
    print(f"{'stage':<52}{'CPU ms':>8}{'share':>7}")
    for label, path, name in STAGES:
        cumulative = (
            sum(
                value[3]
                for (file, _line, func), value in stats.stats.items()
                if file.endswith(path) and func == name
            )
            / args.submissions
        )
        print(f"{label:<52}{cumulative * 1000:>8.1f}{cumulative / total * 100:>6.0f}%")
    if args.top:
        print(f"\ntop {args.top} functions by own CPU time:")
        stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
