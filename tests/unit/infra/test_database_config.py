"""The PostgreSQL pool size reaches the driver through the URL; SQLite URLs are left alone."""

from __future__ import annotations

from infra.db.asyncpg_client import DeadlineAsyncpgClient
from infra.db.config import keep_session, tortoise_config, with_pool_size


def test_pool_size_is_added_to_a_postgres_url() -> None:
    assert with_pool_size("postgres://u@h:5432/db", 20) == "postgres://u@h:5432/db?maxsize=20"
    assert with_pool_size("postgres://u@h/db?ssl=true", 8) == "postgres://u@h/db?ssl=true&maxsize=8"


def test_a_url_that_sets_its_own_pool_size_wins() -> None:
    assert with_pool_size("postgres://u@h/db?maxsize=3", 20) == "postgres://u@h/db?maxsize=3"


def test_sqlite_urls_get_no_pool_size() -> None:
    assert with_pool_size("sqlite://data/csms.sqlite3", 20) == "sqlite://data/csms.sqlite3"


def test_postgresql_scheme_is_normalised_before_the_pool_size() -> None:
    config = tortoise_config("postgresql://u@h/db", pool_size=12)
    connection = config["connections"]["default"]
    assert connection["engine"] == "infra.db.asyncpg_client"
    assert connection["credentials"]["maxsize"] == "12"
    assert (
        connection["credentials"]["host"] == "h" and connection["credentials"]["database"] == "db"
    )


def test_pooled_postgres_connections_are_released_without_the_reset_query() -> None:
    connection = tortoise_config("postgres://u@h/db")["connections"]["default"]
    assert connection["credentials"]["reset"] is keep_session


def test_sqlite_config_is_the_url_on_the_retiring_client() -> None:
    connection = tortoise_config("sqlite://data/csms.sqlite3")["connections"]["default"]
    assert connection["engine"] == "infra.db.sqlite_client"
    assert connection["credentials"]["file_path"] == "data/csms.sqlite3"


def test_postgres_statements_connections_and_pool_waits_have_the_deadline() -> None:
    """Issue 24 item 11: a database that stops answering must not hold a request forever."""
    credentials = tortoise_config("postgres://u@h/db", timeout=1.5)["connections"]["default"][
        "credentials"
    ]
    assert (credentials["command_timeout"], credentials["timeout"]) == (1.5, 1.5)
    assert credentials["acquire_timeout"] == 1.5


def test_migrations_run_without_a_statement_deadline() -> None:
    credentials = tortoise_config("postgres://u@h/db", timeout=None)["connections"]["default"][
        "credentials"
    ]
    assert "command_timeout" not in credentials and "acquire_timeout" not in credentials


def test_the_postgres_engine_waits_for_a_pooled_connection_within_the_deadline() -> None:
    client = DeadlineAsyncpgClient(
        connection_name="default", host="h", database="db", acquire_timeout=0.25
    )
    assert client.acquire_timeout == 0.25
    assert "acquire_timeout" not in client.extra  # not handed on to asyncpg's connect
