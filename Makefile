# The two commands: `make run` (set up and start a node on embedded defaults) and
# `make test` (set up and run lint plus the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_ENV := CSMS_ENVIRONMENT=dev CSMS_ACCEPT_UNKNOWN_STATIONS=true

.PHONY: install migrate migrations run lint test services bench bench-quick bench-fleet bench-fleet-quick bench-meter bench-dashboards clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(DEV_ENV) $(BIN)/csms migrate

run: migrate
	$(DEV_ENV) exec $(BIN)/csms run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

migrations: install
	$(BIN)/tortoise -c infra.db.config.TORTOISE_ORM makemigrations

services:
	bash scripts/services.sh

test: install lint services
	$(BIN)/pytest $(PYTEST_ARGS)

# Heartbeats/s against a bare websocket echo and operator command round trips (both on
# embedded defaults), a 10,000-station fleet on PostgreSQL (steady fleet, reconnect storm),
# a 5,000-variable device-model report stored and read back on PostgreSQL, meter values
# stored per second with and without group commit, and live dashboards during the steady
# 10,000-station fleet; then one table of every row against its target (bench.summary, from the result
# files written since the run began). See bench/README.md.
bench: install services
	$(eval BENCH_SINCE := $(shell date -u +%Y%m%dT%H%M%SZ))
	$(BIN)/python -m bench.heartbeat --seconds 10 --rounds 5
	$(BIN)/python -m bench.operator
	$(BIN)/python -m bench.fleet --stations 10000 --seconds 60
	$(BIN)/python -m bench.device_model_report --database postgres
	$(BIN)/python -m bench.meter_values
	$(BIN)/python -m bench.dashboards --stations 10000
	$(BIN)/python -m bench.summary --since $(BENCH_SINCE)

bench-quick: install services
	$(eval BENCH_SINCE := $(shell date -u +%Y%m%dT%H%M%SZ))
	$(BIN)/python -m bench.heartbeat --seconds 5
	$(BIN)/python -m bench.operator --calls 100
	$(BIN)/python -m bench.device_model_report --database postgres --parts 10
	$(BIN)/python -m bench.meter_values --quick
	$(BIN)/python -m bench.summary --since $(BENCH_SINCE)

# Meter values on PostgreSQL: 100 stations flooding, group commit off (0 ms) and on (2 ms).
bench-meter: install services
	$(BIN)/python -m bench.meter_values

# 100 single-station and 10 fleet GraphQL subscribers during a steady 1,000-station fleet.
bench-dashboards: install services
	$(BIN)/python -m bench.dashboards

# A simulated fleet on PostgreSQL: steady fleet, reconnect storm, operator commands.
bench-fleet: install services
	$(BIN)/python -m bench.fleet --stations 10000 --seconds 60

bench-fleet-quick: install services
	$(BIN)/python -m bench.fleet --quick

clean:
	rm -rf $(VENV) data .mypy_cache .ruff_cache .pytest_cache
