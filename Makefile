# Brigade's commands. `make run` starts the server on SQLite; `make test` runs every
# test (unit, integration on SQLite and PostgreSQL, e2e against the real binary,
# OpenAPI validation and schemathesis).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
TARGET_DIR := $(shell $(CARGO) metadata --format-version 1 --no-deps 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
VENV := .venv
PY_STAMP := $(VENV)/.installed-$(shell sha256sum tools/requirements.txt | cut -c1-12)

.PHONY: run test test-unit test-wasm test-sqlite test-postgres test-e2e test-openapi test-schemathesis openapi bench lint demo

## Build and start Brigade on http://127.0.0.1:8080 with an embedded SQLite database under ./data/.
run:
	$(CARGO) run --release -p brigade-server --bin brigade

## Every test. Set CI=true to make a missing PostgreSQL a failure instead of a skip.
test: test-unit test-wasm test-sqlite test-postgres test-e2e test-openapi test-schemathesis
	@echo "make test: all suites passed"

test-unit:
	$(CARGO) test --workspace --lib --bins

## The domain crate (through the frontend crate) must build for the browser.
test-wasm:
	rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target list --installed | grep -q wasm32-unknown-unknown
	$(CARGO) check -p brigade-frontend --target wasm32-unknown-unknown

test-sqlite:
	BRIGADE_TEST_DATABASE=sqlite $(CARGO) test -p brigade-server --test api

test-postgres:
	@status=0; tools/postgres.sh || status=$$?; \
	if [ $$status -eq 0 ]; then \
		BRIGADE_TEST_DATABASE=postgres $(CARGO) test -p brigade-server --test api; \
	elif [ $$status -eq 2 ]; then \
		exit 1; \
	else \
		echo "SKIPPED: PostgreSQL is not available here; the integration tests ran on SQLite only."; \
	fi

test-e2e:
	$(CARGO) build -p brigade-server --bin brigade
	BRIGADE_BIN=$(TARGET_DIR)/debug/brigade $(CARGO) test -p brigade-e2e

$(PY_STAMP): tools/requirements.txt
	test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r tools/requirements.txt
	touch $@

test-openapi: $(PY_STAMP)
	$(VENV)/bin/openapi-spec-validator openapi/openapi.json

test-schemathesis: $(PY_STAMP)
	$(CARGO) build -p brigade-server --bin brigade
	BRIGADE_BIN=$(TARGET_DIR)/debug/brigade SCHEMATHESIS=$(VENV)/bin/schemathesis tools/schemathesis.sh

## Write the OpenAPI document that is committed in openapi/openapi.json.
openapi:
	$(CARGO) run -q -p brigade-server --bin brigade -- openapi > openapi/openapi.json.tmp
	mv openapi/openapi.json.tmp openapi/openapi.json

## Benchmarks: one permission check, one resolve, and login throughput under load.
bench:
	$(CARGO) bench -p brigade-domain --bench resolver -- --warm-up-time 1 --measurement-time 3
	$(CARGO) bench -p brigade-server --bench login

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
