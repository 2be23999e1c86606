"""Which errors say a dependency is unavailable (issue 24 item 11): refused, broken or timed-out
connections and a server shutting down are; errors of the SQL itself are not."""

from __future__ import annotations

import sqlite3

import asyncpg
import pytest
from tortoise.exceptions import IntegrityError, OperationalError

from infra.outages import unavailable_dependency
from modules.kernel.outages import DependencyUnavailable


def wrapped(error: BaseException, outer: BaseException) -> BaseException:
    """`outer` raised from `error`, as the ORM wraps a driver's error."""
    outer.__cause__ = error
    return outer


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)"),
        TimeoutError(),
        ConnectionResetError(),
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"),
        asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
        asyncpg.exceptions.TooManyConnectionsError("too many clients"),
        asyncpg.exceptions.AdminShutdownError("terminating connection"),
        asyncpg.InterfaceError("cannot perform operation: connection is closed"),
        wrapped(sqlite3.OperationalError("database is locked"), OperationalError("locked")),
    ],
    ids=lambda error: type(error).__name__,
)
def test_the_database_is_unavailable(error: BaseException) -> None:
    assert unavailable_dependency(error) == "database"


@pytest.mark.parametrize(
    "error",
    [
        KeyError("evse"),
        wrapped(asyncpg.exceptions.UniqueViolationError("duplicate"), IntegrityError("dup")),
        wrapped(sqlite3.OperationalError("no such column: x"), OperationalError("no such")),
        asyncpg.InterfaceError("cannot perform operation: another operation is in progress"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_other_errors_are_not_outages(error: BaseException) -> None:
    assert unavailable_dependency(error) is None


def test_the_adapter_that_names_its_dependency_wins_over_the_cause() -> None:
    error = wrapped(TimeoutError(), DependencyUnavailable("cache"))
    assert unavailable_dependency(error) == "cache"


def test_an_outage_deep_in_the_chain_is_found() -> None:
    error = wrapped(wrapped(ConnectionRefusedError(), RuntimeError("x")), ValueError("y"))
    assert unavailable_dependency(error) == "database"
