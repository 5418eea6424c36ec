# Standort – the two commands of the quick start are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
SECRET_FILE := var/secret_key

# Demo: SQLite file, mails as files in var/mail, plain HTTP on loopback.
DEMO_ENV = SECRET_KEY="$$(cat $(SECRET_FILE))" \
	DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/var/standort.sqlite3}" \
	EMAIL_URL="$${EMAIL_URL:-filemail:///$(CURDIR)/var/mail}" \
	SITE_URL="http://127.0.0.1:$(PORT)" SECURE_COOKIES=false \
	ALLOWED_HOSTS="127.0.0.1,localhost"
# Tests: a fixed key, the plain static storage (live_server cannot serve manifest
# files), tasks run in-process, links in mails to the test client's host.
TEST_ENV = SECRET_KEY=test-only-not-secret DEBUG=false SECURE_COOKIES=false \
	SITE_URL=http://testserver \
	STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage \
	TASKS_BACKEND=standort.core.testing.WorkerLikeImmediateBackend \
	EMAIL_URL=consolemail:// DJANGO_ALLOW_ASYNC_UNSAFE=true

.PHONY: demo test install install-test assets fonts messages lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python assets
	$(BIN)/pip install --quiet -e .
	@$(MAKE) --no-print-directory fonts messages

install-test: $(BIN)/python assets
	$(BIN)/pip install --quiet -e '.[test]'
	@$(MAKE) --no-print-directory fonts messages
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's Chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v java >/dev/null 2>&1 || { \
		echo "Installing Java for the HTML checker (vnu.jar) of the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

assets: node_modules/@kern-ux/native/dist/kern.min.css

node_modules/@kern-ux/native/dist/kern.min.css: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

# KERN's fonts cut to the characters our pages use (fontTools comes with the Python
# packages, so after pip): 98 KB of type on a first visit instead of 543 KB.
FONT_SUBSETS := build/fonts/FiraSans-Regular-subset.woff2

fonts: $(FONT_SUBSETS)

$(FONT_SUBSETS): node_modules/@kern-ux/native/dist/kern.min.css src/standort/core/fonts.py
	$(BIN)/python -m standort.core.fonts node_modules/@kern-ux/native/dist/fonts/fira-sans build/fonts >/dev/null
	@touch $@

# Compiled with Babel, so a machine without GNU gettext can build the catalogues.
messages:
	@$(BIN)/pybabel compile -d src/standort/locale -D django >/dev/null

$(SECRET_FILE):
	@mkdir -p var
	@$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

demo: install $(SECRET_FILE)
	@mkdir -p var/mail var/media
	@$(DEMO_ENV) $(MANAGE) migrate --no-input -v 0
	@$(DEMO_ENV) $(MANAGE) collectstatic --no-input -v 0
	@$(DEMO_ENV) $(MANAGE) load_demo
	@echo ""
	@echo "Standort runs on http://127.0.0.1:$(PORT)/  (Ctrl-C stops web server and task worker)"
	@echo "Mails are written to var/mail/"
	@echo ""
	@$(DEMO_ENV) PORT=$(PORT) $(BIN)/honcho start -f Procfile

# Two workers (pytest-xdist), each with its own test database; PYTEST_ARGS comes last,
# so `make test PYTEST_ARGS="-n 0 -k review"` runs in one process.
test: install-test
	@mkdir -p var
	$(TEST_ENV) $(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: install-test
	@mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run
	PYTHONPATH=src $(BIN)/lint-imports
	SECRET_KEY="$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		SECURE_HSTS_SECONDS=31536000 SECURE_HSTS_PRELOAD=true SECURE_SSL_REDIRECT=true \
		ALLOWED_HOSTS=standort.example.org SITE_URL=https://standort.example.org \
		$(MANAGE) check --deploy --fail-level WARNING

# SQLite, and with DATABASE_URL=postgres://… also PostgreSQL (bench/README.md).
bench: install-test
	@mkdir -p var
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules build staticfiles
