# Maoni: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
# Threads per worker that run Django; requests beyond them wait in the queue.
THREADS ?= 2

.PHONY: embed run serve test test-postgres check lint format typecheck lock clean install install-dev bench bench-spam bench-flood bench-pages bench-durability bench-transfer bench-engines bench-questions bench-import bench-search audit messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The stamps re-install whenever a lock file changes.
$(VENV)/.runtime-installed: requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py train_filter --if-empty
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "Maoni is serving at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	@echo ""
	$(BIN)/granian --interface wsgi --host $(HOST) --port $(PORT) --workers $(WORKERS) --blocking-threads $(THREADS) maoni.wsgi:application

# The embed scripts (maoni/static/maoni/embed.js, count.js) from embed/src/, with the
# terser pinned in embed/package-lock.json. The built files are committed: `make run`
# needs no npm; tests/api/test_embed_build.py checks they match a fresh build.
# The widget's words come from the catalogs (docs/languages.md), then the build.
embed: install-dev
	$(BIN)/python manage.py embed_texts
	cd embed && npm ci --no-audit --no-fund --silent && node build.mjs

test: install-dev
	$(BIN)/python -m pytest

# The same suite on PostgreSQL + Redis (here: 127.0.0.1:5432 and :6379).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
test-postgres: install-dev
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/python -m pytest

# Collects the English strings into locale/sw/LC_MESSAGES/django.po (new ones
# come in untranslated: translate them there), then compiles django.mo.
# Needs GNU gettext; docs/languages.md.
messages: install-dev
	$(BIN)/python ops/messages.py update

lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: install-dev
	$(BIN)/mypy maoni tests

check: lint typecheck
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks print figures; they are not tests. See docs/benchmarks.md.
bench: bench-pages bench-questions

# Article pages, cold and warm, and the comment flow, against nginx and Isso.
bench-pages: install
	$(BIN)/python bench/pages.py

# How well the spam checks do, through comment_post, on our corpus, a held-out
# set and real comments from elsewhere (docs/benchmarks.md).
bench-spam: install
	$(BIN)/python bench/spam.py

# What 500 posts a minute from one address cost the server and its readers.
bench-flood: install
	$(BIN)/python bench/flood.py

# Comments posted while app servers (and PostgreSQL, and Redis) are killed:
# nothing acknowledged may be lost. Needs root or the postgres user for initdb.
bench-durability: install
	$(BIN)/python bench/durability.py

# A kept page with the page counters in memory, in Redis and in PostgreSQL.
bench-engines: install
	$(BIN)/python bench/engines.py

# How long export and import take for 100,000 comments, and their memory.
bench-transfer: install
	$(BIN)/python bench/transfer.py

# What asking a CAPTCHA question costs: 10,000 requests to /comments/state/,
# now and before questions were signed tokens (rows and Redis keys written).
bench-questions: install
	$(BIN)/python bench/questions.py

# The moderators' word search over a million comments, against a scan.
bench-search: install
	$(BIN)/python bench/search.py

# Reading and importing a WordPress export of 5,000 to 100,000 comments: time, memory.
bench-import: install
	$(BIN)/python bench/import.py

# The locked dependencies against a vulnerability database (pip-audit, in a venv of its
# own). Exit 2: no database could be reached, nothing was checked (see ops/audit.py).
audit: .venv-audit/bin/pip-audit
	.venv-audit/bin/python ops/audit.py requirements.lock requirements-dev.lock

.venv-audit/bin/pip-audit:
	$(PYTHON) -m venv .venv-audit
	.venv-audit/bin/pip install --quiet --disable-pip-version-check pip-audit

# Re-pins every dependency; commit both lock files afterwards.
lock: install-dev
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --quiet -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --quiet -o requirements-dev.lock

clean:
	rm -rf $(VENV) var/static var/test.sqlite3* embed/node_modules
