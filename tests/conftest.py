"""Fixtures shared by every app's tests: the committed photos, and clients logged in per role.

The face models take most of the time, so every photo that needs them is framed or assessed
once per process (imagetools) and reused; everything else is generated in memory or in
tmp_path. Helpers that tests import live in plain modules beside this file (imagetools,
webtools, browsertools, crawl, factories): `tests/` is on pytest's pythonpath.

Tests that drive Chromium get the `browser` marker here, from the fixtures they use, so
`pytest -m "not browser"` runs everything else.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections import OrderedDict
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest
from django.test import Client
from imagetools import (
    PORTRAITS,
    assessed,
    decode_rgb,
    encode,
    framed,
    shifted,
    shrunk,
)
from PIL import Image

from luppa.quality import Report, assess
from luppa.quality.frame import Framed

# Fixtures that start Chromium (tests/e2e/conftest.py); a test using any of them is a
# browser test.
BROWSER_FIXTURES = {"browser", "page", "browser_page"}
E2E = Path(__file__).resolve().parent / "e2e"


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # One OpenMP thread (FAISS, loaded on first use; the service's subprocesses inherit it):
    # `make test` runs one test process per core, so more threads only wait for each other,
    # and on a busy machine OpenMP's spinning threads cost FAISS's index training 15 CPU
    # seconds instead of one.
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    # The service keeps no passwords (identification only), but Django's auth still hashes
    # whatever a test sets; the fastest hasher keeps that from costing time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- the back channel to the fake e-Authorizations ------------------------------------------


@pytest.fixture(autouse=True)
def valtuudet_back_channel(monkeypatch):
    """The app calls Suomi.fi e-Authorizations with `requests`; in tests without a live
    server that service is the fake mounted at http://testserver/fake-valtuudet/, reached
    here through Django's test client (other addresses go out as usual)."""
    import requests
    from django.test import Client
    from webtools import ClientReply

    real_get, real_post = requests.get, requests.post
    prefix = "http://testserver"

    def get(url, headers=None, **kw):
        if not url.startswith(prefix):
            return real_get(url, headers=headers, **kw)
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()}
        return ClientReply(Client().get(url.removeprefix(prefix), **extra))

    def post(url, auth=None, **kw):
        if not url.startswith(prefix):
            return real_post(url, auth=auth, **kw)
        import base64

        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        return ClientReply(
            Client().post(url.removeprefix(prefix), HTTP_AUTHORIZATION=f"Basic {token}")
        )

    monkeypatch.setattr(requests, "get", get)
    monkeypatch.setattr(requests, "post", post)


# --- building inputs -------------------------------------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        # pytest_ignore_collect below relies on this: tests/e2e holds browser tests only.
        if E2E in item.path.parents:
            assert item.get_closest_marker("browser"), (
                f"{item.nodeid} is in tests/e2e but uses no browser"
            )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """tests/e2e is not even imported when the mark expression deselects browser tests
    (`-m "not browser"`): its modules import Playwright, which costs every test process a
    few tenths of a second, and every test there is a browser test (checked above when the
    folder is collected)."""
    if collection_path == E2E and config.option.markexpr:
        try:  # pytest's own parser of -m; private, so without it the folder is collected
            from _pytest.mark.expression import Expression
        except ImportError:
            return None
        wanted = Expression.compile(config.option.markexpr).evaluate
        if not wanted(lambda name, **kwargs: name == "browser"):
            return True
    return None


# --- the face models, once per image -----------------------------------------------------------


@pytest.fixture(autouse=True, scope="session")
def _one_face_embedding_per_image():
    """Every submission computes the photo's face embedding (luppa.faces.embed_bytes, looked
    up by photos.services at call time), and the tests submit the same few committed portraits
    hundreds of times. Each distinct image is embedded once per process and the result reused:
    the same model on the same bytes gives the same vector. Failures are not remembered (each
    call raises anew), and every distinct image still goes through the real models once."""
    import luppa.faces

    real = luppa.faces.embed_bytes
    embedded: dict[bytes, object] = {}

    def embed_bytes(data: bytes):
        key = hashlib.sha256(data).digest()
        if key not in embedded:
            embedded[key] = real(data)
        return embedded[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(luppa.faces, "embed_bytes", embed_bytes)
        yield


# The analysis (decode, face models, segmentation) of each distinct image, newest last.
_ANALYSES: OrderedDict[bytes, object] = OrderedDict()
_ANALYSES_KEPT = 16  # an analysis holds the decoded image and masks: a few MB each


@pytest.fixture(autouse=True, scope="session")
def _one_analysis_per_image():
    """The pages and the API check the same few committed photos hundreds of times: each
    distinct image is analysed (decoded, its face and person found) once and the analysis
    reused, while every check still runs on it and writes its own report. Refusals are not
    remembered (decode raises anew each time)."""
    module = sys.modules["luppa.quality.assess"]
    real = module.analyse

    def analyse(data: bytes):
        key = hashlib.sha256(data).digest()
        if key in _ANALYSES:
            _ANALYSES.move_to_end(key)
        else:
            _ANALYSES[key] = real(data)
            while len(_ANALYSES) > _ANALYSES_KEPT:
                _ANALYSES.popitem(last=False)
        return _ANALYSES[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "analyse", analyse)
        yield


# Patching any of these (a model, a decoder) changes what an analysis would be.
_ANALYSIS_INPUTS = ("luppa.quality", "luppa.faces", "PIL", "cv2", "mediapipe", "numpy")
_real_setattr = pytest.MonkeyPatch.setattr


def _setattr_forgetting_analyses(self, target, name=None, *args, **kwargs):
    """MonkeyPatch.setattr that forgets the remembered analyses when it patches what they
    are made of: the patched code is used from then on, and the test leaves nothing behind
    that was made with it (undo runs at teardown; the next analysis is made anew)."""
    where = target if isinstance(target, str) else getattr(target, "__module__", None)
    where = where or getattr(target, "__name__", "")
    if str(where).startswith(_ANALYSIS_INPUTS):
        _ANALYSES.clear()
        self._forgets_analyses = True
    return _real_setattr(self, target, name, *args, **kwargs)


pytest.MonkeyPatch.setattr = _setattr_forgetting_analyses
_real_undo = pytest.MonkeyPatch.undo


def _undo_forgetting_analyses(self) -> None:
    _real_undo(self)
    if getattr(self, "_forgets_analyses", False):
        _ANALYSES.clear()
        self._forgets_analyses = False


pytest.MonkeyPatch.undo = _undo_forgetting_analyses


# --- session photos --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def framed_photos() -> dict[str, Framed]:
    """Both reference portraits framed once: framing runs the face models several times."""
    return {"biden": framed("biden"), "obama": framed("obama")}


@pytest.fixture(scope="session")
def framed_biden(framed_photos) -> Framed:
    return framed_photos["biden"]


@pytest.fixture(scope="session")
def biden_report(framed_biden) -> Report:
    """The framed portrait assessed once; drafts made in tests reuse the report."""
    return assessed("biden")


@pytest.fixture(scope="session")
def framed_rgb(framed_biden) -> np.ndarray:
    return decode_rgb(framed_biden.jpeg)


@pytest.fixture(scope="session")
def framed_file(framed_biden, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("framed") / "framed.jpg"
    path.write_bytes(framed_biden.jpeg)
    return path


@pytest.fixture(scope="session")
def grey_jpeg() -> bytes:
    """A correctly sized, perfectly plain photo with nobody in it."""
    from imagetools import HEIGHT, WIDTH

    return encode(Image.new("RGB", (WIDTH, HEIGHT), (128, 128, 128)))


@pytest.fixture(scope="session")
def defect_reports(framed_rgb) -> dict[str, Report]:
    """The framed photo with one geometry defect each, assessed once."""
    variants = {
        "right_45": shifted(framed_rgb, dx=45),
        "left_45": shifted(framed_rgb, dx=-45),
        "scaled_85": shrunk(framed_rgb, 0.85),
        "up_40": shifted(framed_rgb, dy=-40),
    }
    return {name: assess(encode(rgb), name) for name, rgb in variants.items()}


@pytest.fixture(scope="session")
def portraits() -> Path:
    if not PORTRAITS.is_dir():
        pytest.skip(f"{PORTRAITS} is absent (press photos are not part of the repository)")
    return PORTRAITS


# --- the test database, migrated once per set of migrations -----------------------------------


@pytest.fixture(autouse=True, scope="session")
def _sqlite_test_database_from_template(request):
    """Migrating an empty test database costs about four CPU seconds in every test process.
    On SQLite the freshly migrated database is kept in pytest's cache directory, named by a
    hash of every migration file (and Django's version and the installed apps), and later
    test databases are copied from it (sqlite3's backup) instead of migrated. A change to
    any migration gives a new name, so the copy is always of what `migrate` would build;
    the tests of the migrations themselves (test_decision_migrations) still run them. On
    PostgreSQL, or without pytest's cache, the database is migrated as usual."""
    from django.core import management
    from django.db.backends.base.creation import BaseDatabaseCreation

    cache = getattr(request.config, "cache", None)
    if cache is None:
        yield
        return
    folder = Path(cache.mkdir("luppa-sqlite-template"))
    real_call_command = management.call_command
    real_create_test_db = BaseDatabaseCreation.create_test_db

    def create_test_db(self, *args, **kwargs):
        if self.connection.vendor != "sqlite":
            return real_create_test_db(self, *args, **kwargs)
        connection = self.connection

        def call_command(name, *args, **options):
            if name != "migrate":
                return real_call_command(name, *args, **options)
            template = folder / f"{_migrations_digest()}.sqlite3"
            connection.ensure_connection()
            if template.exists():
                with closing(sqlite3.connect(template)) as source:
                    source.backup(connection.connection)
                return None
            result = real_call_command(name, *args, **options)
            connection.ensure_connection()
            partial = template.with_name(f"{template.name}.{os.getpid()}")
            with closing(sqlite3.connect(partial)) as copy:
                connection.connection.backup(copy)
            for stale in folder.glob("*.sqlite3"):
                stale.unlink(missing_ok=True)
            os.replace(partial, template)  # atomic: another test process may be reading it
            return result

        # create_test_db imports call_command from django.core.management when it runs.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(management, "call_command", call_command)
            return real_create_test_db(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseCreation, "create_test_db", create_test_db)
        yield


def _migrations_digest() -> str:
    """A hash of what migrating an empty database depends on: every migration file of every
    installed app, Django's version and the installed apps in their order."""
    import django
    from django.conf import settings
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256(repr((django.VERSION, settings.INSTALLED_APPS)).encode())
    for module in sorted({type(m).__module__ for m in loader.disk_migrations.values()}):
        digest.update(module.encode() + b"\0" + Path(sys.modules[module].__file__).read_bytes())
    return digest.hexdigest()[:32]


# --- a migrated database for the service run in another process ------------------------------


@pytest.fixture(scope="session")
def migrated_database(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """A SQLite file with every migration applied, for tests that run `luppa` in another
    process (serve, worker, a killed submission). Migrating costs about seven CPU seconds a
    time; this is done once per test process, as a copy (sqlite3's backup) of this process's
    freshly migrated test database, or by `luppa migrate` when the tests run on PostgreSQL."""
    from django.db import connection

    path = tmp_path_factory.mktemp("migrated") / "luppa.sqlite3"
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            assert not connection.in_atomic_block  # session fixtures come before `db`
            connection.ensure_connection()
            with sqlite3.connect(path) as copy:
                connection.connection.backup(copy)
            copy.close()
            return path
    env = {"DJANGO_SETTINGS_MODULE": "luppa.settings", "LUPPA_VAR_DIR": str(path.parent)}
    env.update({k: v for k, v in os.environ.items() if not k.startswith(("LUPPA_", "DATABASE"))})
    subprocess.run([sys.executable, "-m", "luppa.cli", "migrate", "--noinput"], env=env,
                   check=True, capture_output=True)  # fmt: skip
    return path


@pytest.fixture
def migrated_var(migrated_database):
    """`migrated_var(path)` makes `path` a LUPPA_VAR_DIR whose database is migrated."""

    def make(var: Path) -> Path:
        var.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(migrated_database, var / "luppa.sqlite3")
        (var / "luppa.sqlite3").chmod(0o600)
        return var

    return make


# --- clients logged in per role (identification itself is tested in accounts/ and e2e/) -------


@pytest.fixture
def private_photographer(db, client: Client) -> Client:
    """Pia, logged in to her own private account (`client.account`)."""
    from webtools import PIA, force_login_private

    client.account = force_login_private(client, PIA)
    return client


@pytest.fixture
def company_photographer(db, client: Client) -> Client:
    """Kalle, main representative of Kuvaamo Oy, logged in to its account (`client.account`)."""
    from webtools import force_login_company

    client.account = force_login_company(client)
    return client


@pytest.fixture
def officer(db, client: Client):
    """Outi, a police permit officer, logged in on `client`; the Officer."""
    from webtools import OUTI, force_login_officer

    return force_login_officer(client, OUTI)


@pytest.fixture
def admin(db, client: Client) -> Client:
    """Aila, a police administrator, logged in on `client`."""
    from webtools import AILA, force_login_officer

    force_login_officer(client, AILA, role="admin")
    return client


@pytest.fixture
def worker_keeps_test_connection(monkeypatch):
    """`luppa worker` run in-process: the task worker closes "old" database connections
    between tasks, which on PostgreSQL would close the test's own transaction."""
    from django.db import close_old_connections, connection
    from django_tasks_db.management.commands import db_worker

    def outside_transactions_only() -> None:
        if not connection.in_atomic_block:
            close_old_connections()

    monkeypatch.setattr(db_worker, "close_old_connections", outside_transactions_only)
