"""The PostgreSQL pool size reaches the driver through the URL; SQLite URLs are left alone."""

from __future__ import annotations

from infra.db.config import tortoise_config, with_pool_size


def test_pool_size_is_added_to_a_postgres_url() -> None:
    assert with_pool_size("postgres://u@h:5432/db", 20) == "postgres://u@h:5432/db?maxsize=20"
    assert with_pool_size("postgres://u@h/db?ssl=true", 8) == "postgres://u@h/db?ssl=true&maxsize=8"


def test_a_url_that_sets_its_own_pool_size_wins() -> None:
    assert with_pool_size("postgres://u@h/db?maxsize=3", 20) == "postgres://u@h/db?maxsize=3"


def test_sqlite_urls_get_no_pool_size() -> None:
    assert with_pool_size("sqlite://data/csms.sqlite3", 20) == "sqlite://data/csms.sqlite3"


def test_postgresql_scheme_is_normalised_before_the_pool_size() -> None:
    config = tortoise_config("postgresql://u@h/db", pool_size=12)
    assert config["connections"]["default"] == "postgres://u@h/db?maxsize=12"
