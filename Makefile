# Two commands set everything up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# `make test` spreads the test modules over this many worker processes (pytest-xdist); 1 runs them in one.
TEST_WORKERS ?= auto

.PHONY: run test lint format install install-dev messages migrate demo clean bench

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# A local development configuration with a fresh random secret; never committed.
.env:
	printf 'DEBUG=1\nSECRET_KEY=%s\nEMAIL_URL=filemail:///var/mail\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env

messages: install .env
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

migrate: install .env messages
	mkdir -p var
	$(PY) manage.py migrate --no-input
	$(PY) manage.py loaddata clauses
	$(PY) manage.py index_clauses

demo: migrate
	$(PY) manage.py seed_demo

# The background worker (it sends the e-mails) runs beside the web server; Ctrl+C stops both. The links in
# e-mails and the printed QR code point at this server unless SITE_URL says otherwise.
run: demo
	@echo "Serving at http://$(HOST):$(PORT)/ with the background worker (Ctrl+C stops both); e-mails are written to var/mail/"
	@export SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}"; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py db_worker --queue-name='*' --no-reload & worker=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: install-dev lint
	mkdir -p var
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0 --settings=tests.settings
	$(PY) manage.py makemigrations --check --dry-run --settings=tests.settings
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile

# Benchmarks against the goals of README.md «Performance», in a database made and dropped for the run
# (PostgreSQL on 127.0.0.1:5432, or BENCH_DATABASE_URL); prints a table and writes var/bench.json.
bench: install-dev .env messages
	JOBDESC_BENCH=1 $(PY) manage.py bench

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
