"""The CSMS node a benchmark runs against: its environment, what-if settings, its PostgreSQL
database, and the node process itself (migrated, started, stopped)."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.procs import Server, migrate_csms, run_command

ROOT = Path(__file__).resolve().parents[1]
PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}


def postgres_url(database: str) -> str:
    """The URL of a database on the benchmark's PostgreSQL server."""
    return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{database}"


def node_env(database_url: str, port: int, **settings: str) -> dict[str, str]:
    """The environment of a CSMS node: the shell's own CSMS_* variables dropped, dev mode,
    unknown stations accepted, 127.0.0.1:`port`, warnings only; then `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSMS_")}
    env.update(
        CSMS_ENVIRONMENT="dev",
        CSMS_ACCEPT_UNKNOWN_STATIONS="true",
        CSMS_DATABASE_URL=database_url,
        CSMS_HOST="127.0.0.1",
        CSMS_PORT=str(port),
        CSMS_LOG_LEVEL="WARNING",
    )
    env.update(settings)
    return env


def add_what_if_option(parser: argparse.ArgumentParser, placeholder: str) -> None:
    """`--csms-env KEY=VALUE`, repeatable: a CSMS_* setting for a what-if run; `placeholder`
    says what a value may name (e.g. "{tmp} = the run's temp dir")."""
    parser.add_argument(
        "--csms-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=f"what-if: set a CSMS_* variable (repeatable; {placeholder})",
    )


def apply_what_ifs(env: dict[str, str], items: list[str], placeholder: str, value: str) -> None:
    """Set each KEY=VALUE of `items` in `env`, with `placeholder` in a value replaced by
    `value`."""
    for item in items:
        key, _, setting = item.partition("=")
        env[key] = setting.replace(placeholder, value)


def psql(sql: str, database: str = "postgres") -> str:
    """Run one statement with psql as the postgres user; its output."""
    argv = ["psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-d", database]
    argv += ["-v", "ON_ERROR_STOP=1", "-Atc", sql]
    done = run_command(argv, 120)
    if done.returncode != 0:
        raise RuntimeError(f"psql {sql!r} failed:\n{done.stderr}")
    return done.stdout.strip()


@contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database named `prefix` and random letters, dropped
    afterwards; yields its name."""
    database = f"{prefix}_{secrets.token_hex(4)}"
    psql(f"CREATE DATABASE {database}")
    try:
        yield database
    finally:
        psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


@contextmanager
def csms_node(
    env: dict[str, str], log_path: Path, migrate_limit_s: float = 300
) -> Iterator[Server]:
    """`python -m app migrate`, then `python -m app run` with `env`, yielded once its
    /healthz answers; stopped afterwards."""
    migrate_csms(env, ROOT, migrate_limit_s)
    with Server("csms", [sys.executable, "-m", "app", "run"], log_path, env, ROOT) as server:
        server.wait_for_http(f"http://127.0.0.1:{env['CSMS_PORT']}/healthz")
        yield server
