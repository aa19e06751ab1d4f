# Brigade's commands. `make run` builds the app and starts the server on SQLite;
# `make test` runs every test (unit, integration on SQLite and PostgreSQL, e2e against
# the real binary, browser tests in Chromium, OpenAPI validation and schemathesis).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
TARGET_DIR := $(shell $(CARGO) metadata --format-version 1 --no-deps 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
VENV := .venv
PY_STAMP := $(VENV)/.installed-$(shell sha256sum tools/requirements.txt | cut -c1-12)
BROWSER_DIR := e2e/browser
NPM_STAMP := $(BROWSER_DIR)/node_modules/.installed-$(shell sha256sum $(BROWSER_DIR)/package-lock.json | cut -c1-12)
CHROMIUM ?= /usr/bin/chromium

.PHONY: run frontend test test-unit test-sqlite test-postgres test-e2e test-browser test-openapi test-schemathesis openapi bench bench-ui bench-http bench-live bench-stock lint demo

## Build the app and start Brigade on http://127.0.0.1:8080 (app, API and docs on one
## port) with an embedded SQLite database under ./data/.
run: frontend
	$(CARGO) run --release -p brigade-server --bin brigade

## Fill the database (the same settings as `make run`) with a demo restaurant, one
## member per role and a custom role, and print their logins. Safe to run again.
demo:
	$(CARGO) run --release -p brigade-server --bin brigade -- demo

## Build the admin app (wasm32 + wasm-bindgen) into frontend/dist, with its size budget.
frontend:
	tools/build-frontend.sh

## Every test. Set CI=true to make a missing PostgreSQL a failure instead of a skip.
test: test-unit frontend test-sqlite test-postgres test-e2e test-browser test-openapi test-schemathesis
	@echo "make test: all suites passed"

test-unit:
	$(CARGO) test --workspace --exclude brigade-frontend --lib --bins

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

$(NPM_STAMP): $(BROWSER_DIR)/package-lock.json
	cd $(BROWSER_DIR) && npm ci --no-audit --no-fund
	touch $@

## Browser tests: Playwright drives Debian's Chromium against the real binary and app.
test-browser: frontend $(NPM_STAMP)
	@test -x $(CHROMIUM) || { echo "error: Chromium is missing at $(CHROMIUM): apt-get install chromium (.ci/run does)"; exit 1; }
	$(CARGO) build -p brigade-server --bin brigade
	cd $(BROWSER_DIR) && BRIGADE_BIN=$(TARGET_DIR)/debug/brigade BRIGADE_CHROMIUM=$(CHROMIUM) npx playwright test

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

## Benchmarks: one permission check, one resolve, login throughput under load, the
## cost of a permission-gated request against /ready on SQLite and PostgreSQL (wrk at
## 64 connections, row-level security on), and the time to an interactive login form
## in headless Chromium, on loopback and on a phone-like profile; and live notifications.
bench: bench-ui bench-http bench-live bench-stock
	$(CARGO) bench -p brigade-domain --bench resolver -- --warm-up-time 1 --measurement-time 3
	$(CARGO) bench -p brigade-server --bench login

bench-http:
	$(CARGO) build --release -p brigade-server --bin brigade
	BRIGADE_BIN=$(TARGET_DIR)/release/brigade tools/bench-http.sh

## Live notifications: 1,000 WebSocket clients (one process on SQLite, then two over
## PostgreSQL), change-to-arrival p50/p99; 10,000 idle connections and their memory.
bench-live:
	$(CARGO) build --release -p brigade-server --bin brigade
	BRIGADE_BIN=$(TARGET_DIR)/release/brigade $(CARGO) test --release -p brigade-e2e --test live_bench -- --ignored --nocapture --test-threads 1

## The stock and the guests' menu: sales per second of one hot item under contention
## (SQLite; two processes over PostgreSQL) with the wrong results (must be 0), and the
## guest's table page with 200 products against /health at 64 connections.
bench-stock:
	$(CARGO) build --release -p brigade-server --bin brigade
	BRIGADE_BIN=$(TARGET_DIR)/release/brigade $(CARGO) test --release -p brigade-e2e --test stock_bench -- --ignored --nocapture --test-threads 1

bench-ui: frontend $(NPM_STAMP)
	$(CARGO) build --release -p brigade-server --bin brigade
	cd $(BROWSER_DIR) && BRIGADE_BIN=$(TARGET_DIR)/release/brigade BRIGADE_CHROMIUM=$(CHROMIUM) node bench/login-form.mjs

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --exclude brigade-frontend --all-targets -- -D warnings
	tools/wasm-bindgen.sh
	$(CARGO) clippy -p brigade-frontend --target wasm32-unknown-unknown -- -D warnings
