"""The adapters' classifier of outages (`modules.kernel.outages.Classifier`): which dependency
an error says is unavailable, recognising the database drivers' own errors.

The cache and bus adapters raise `DependencyUnavailable` themselves; the database is reached
through the ORM from every store, so its driver's errors are recognised here instead: refused
or broken connections, deadlines passed, a server shutting down or out of connections, and
SQLite's locked or unopenable file. Errors of the SQL itself (a constraint, a syntax error)
are not outages.
"""

from __future__ import annotations

import sqlite3

import asyncpg
from tortoise.exceptions import DBConnectionError

from modules.kernel.outages import DATABASE, DependencyUnavailable, causes

_POSTGRES_OUTAGES: tuple[type[BaseException], ...] = (
    asyncpg.PostgresConnectionError,  # class 08: connection failures, closed mid-operation
    asyncpg.exceptions.OperatorInterventionError,  # 57: shutting down, cannot connect now
    asyncpg.exceptions.InsufficientResourcesError,  # 53: too many connections, disk full
)
_CLOSED_POOL_WORDS = ("connection is closed", "pool is closing", "pool is closed")
_SQLITE_OUTAGE_WORDS = ("database is locked", "unable to open database", "disk i/o error")


def unavailable_dependency(error: BaseException) -> str | None:
    """ "database", "cache" or "bus" when `error` (or what caused it) says that dependency is
    unavailable; None for any other error."""
    for cause in causes(error):
        dependency = _dependency_of(cause)
        if dependency is not None:
            return dependency
    return None


def _dependency_of(error: BaseException) -> str | None:
    if isinstance(error, DependencyUnavailable):
        return error.dependency
    if isinstance(error, (*_POSTGRES_OUTAGES, DBConnectionError, OSError, TimeoutError)):
        return DATABASE
    if isinstance(error, asyncpg.InterfaceError) and _mentions(error, _CLOSED_POOL_WORDS):
        return DATABASE
    if isinstance(error, sqlite3.OperationalError) and _mentions(error, _SQLITE_OUTAGE_WORDS):
        return DATABASE
    return None


def _mentions(error: BaseException, words: tuple[str, ...]) -> bool:
    text = str(error).lower()
    return any(word in text for word in words)
