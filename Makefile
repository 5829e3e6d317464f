# Weitblick: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs the whole suite.
# Needs only Python 3.11+ and make; uv is installed with pip when it is missing.

PYTHON ?= python3
UV := $(PYTHON) -m uv
MANAGE := $(UV) run --frozen python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run test lint format messages bench bench-network clean

help:
	@echo "make run    install, migrate, load the demo network and serve on http://$(HOST):$(PORT)"
	@echo "make test   run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set)"
	@echo "make lint   ruff, mypy, the dependency contract (import-linter), makemigrations --check"
	@echo "make bench  the benchmarks (PostgreSQL and a production-like server)"
	@echo "make bench-network  bubble detection: precision and recall on the benchmark networks, 5,000-contact timing"

.uv-installed:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv \
		|| $(PYTHON) -m pip install --quiet --user --break-system-packages uv \
		|| $(PYTHON) -m pip install --quiet uv
	@touch $@

install: .uv-installed
	$(UV) sync --frozen

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(UV) run --frozen pytest

# The same checks run before each commit with pre-commit (.pre-commit-config.yaml).
lint: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy .
	$(UV) run --frozen lint-imports
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

# Never part of `make test`: PostgreSQL (BENCH_DATABASE_URL, default weitblick_bench on 127.0.0.1, recreated
# each run), gunicorn and wrk; about 20 minutes. Writes bench/results/latest.{md,json} and docs/benchmarks.md.
# bench/import_upload.py: an 8 MB import upload, the request's time and the web process's memory (docs/guarantees.md).
bench: install
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& { apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; }; } \
		|| { echo "make bench needs wrk: apt-get install wrk"; exit 1; }
	$(UV) run --frozen python bench/run.py
	$(UV) run --frozen python bench/carddav_sync.py
	$(UV) run --frozen python bench/import_upload.py
	$(UV) run --frozen python bench/network_bubbles.py --quick

# Bubble detection on LFR, planted and karate-club networks, and analyse_network on 5,000 contacts
# (docs/network-analysis.md); plain Python, no database; about 15 minutes (--quick: 2).
bench-network: install
	$(UV) run --frozen python bench/network_bubbles.py

# Needs GNU gettext (msgfmt); the compiled .mo files are committed so that running does not.
messages: install
	$(MANAGE) makemessages --locale de --locale en --ignore ".venv/*" --ignore "staticfiles/*" --no-obsolete
	$(MANAGE) makemessages --domain djangojs --locale de --locale en --ignore ".venv/*" --ignore "staticfiles/*" --ignore "static/vendor/*" --no-obsolete
	$(MANAGE) compilemessages --ignore ".venv/*"

clean:
	rm -rf .venv .uv-installed staticfiles .pytest_cache
