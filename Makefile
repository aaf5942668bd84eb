# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

# WeasyPrint's libraries and the fonts the PDFs use.
RUNTIME_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core redis-server
# What the test suite drives for real: PostgreSQL, Chromium, pdftoppm.
TEST_PACKAGES := postgresql redis-server chromium chromium-driver poppler-utils

TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/workup
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: lock run test install system-packages test-system-packages services lint bench bench-pdf bench-e2e clean

$(INSTALLED): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $(INSTALLED)

install: system-packages $(INSTALLED)

system-packages:
	@scripts/ensure-system-packages.sh $(RUNTIME_PACKAGES)

test-system-packages:
	@scripts/ensure-system-packages.sh $(RUNTIME_PACKAGES) $(TEST_PACKAGES)

services:
	@scripts/ensure-services.sh

run: install
	$(BIN)/python scripts/serve.py

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: test-system-packages $(INSTALLED) services
	$(BIN)/ruff check .
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) SECRET_KEY=test-only-not-secret SECURE_HTTPS=0 ENV_FILE=/nonexistent \
		$(BIN)/python manage.py makemigrations --check --dry-run
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) SECRET_KEY=test-only-not-secret SECURE_HTTPS=0 ENV_FILE=/nonexistent \
		$(BIN)/pytest

bench: bench-pdf bench-e2e

bench-pdf: install services
	$(BIN)/python bench/pdf_render.py

bench-e2e: install services
	$(BIN)/python bench/referral_throughput.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis

# Refresh the lock file: requirements.in holds the direct pins; requirements.txt every package, transitive
# ones included, with its hashes (make installs it with --require-hashes). Run after editing requirements.in.
TOOLS_VENV := .venv-tools
PIP_TOOLS_VERSION := 7.6.2
lock:
	@test -x $(TOOLS_VENV)/bin/pip-compile || ($(PYTHON) -m venv $(TOOLS_VENV) && \
		$(TOOLS_VENV)/bin/pip install --quiet --disable-pip-version-check pip-tools==$(PIP_TOOLS_VERSION))
	$(TOOLS_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in
