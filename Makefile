# The two commands: `make run` (set up and start a node on embedded defaults) and
# `make test` (set up and run lint plus the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_ENV := CSMS_ENVIRONMENT=dev CSMS_ACCEPT_UNKNOWN_STATIONS=true

.PHONY: install migrate migrations run lint test services bench bench-quick bench-fleet bench-fleet-quick clean

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

migrations: install
	$(BIN)/tortoise -c infra.db.config.TORTOISE_ORM makemigrations

services:
	bash scripts/services.sh

test: install lint services
	$(BIN)/pytest $(PYTEST_ARGS)

# Heartbeats/s against a bare websocket echo (embedded defaults), then a 5,000-variable
# device-model report stored and read back on PostgreSQL. See bench/README.md.
bench: install services
	$(BIN)/python -m bench.heartbeat --seconds 20
	$(BIN)/python -m bench.device_model_report --database postgres

bench-quick: install services
	$(BIN)/python -m bench.heartbeat --seconds 5
	$(BIN)/python -m bench.device_model_report --database postgres --parts 10

# A simulated fleet on PostgreSQL: steady fleet, reconnect storm, operator commands.
bench-fleet: install services
	$(BIN)/python -m bench.fleet --stations 10000 --seconds 60

bench-fleet-quick: install services
	$(BIN)/python -m bench.fleet --quick

clean:
	rm -rf $(VENV) data .mypy_cache .ruff_cache .pytest_cache
