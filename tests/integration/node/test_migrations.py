"""Migrations that rewrite stored rows, applied to a database holding rows of the schema
before them, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from tortoise import connections
from tortoise.migrations.api import migrate

from infra.db.config import apply_migrations, close_database, open_database, tortoise_config
from infra.db.sql import parameter
from tests.support.databases import empty_database

BEFORE_ENERGY_PINS = "csms.0006_transactions_and_local_lists"
NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


async def _execute(sql: str, values: list[Any]) -> list[dict[str, Any]]:
    client = connections.get("default")
    dialect = client.capabilities.dialect
    for position in range(len(values), 0, -1):
        sql = sql.replace(f"${position}", parameter(dialect, position))
    rows: list[dict[str, Any]] = await client.execute_query_dict(sql, values)
    return rows


async def _transaction_with(transaction_id: str, contexts: list[str | None]) -> None:
    """A merged transaction whose energy bounds are its first and last register samples."""
    await _execute(
        'INSERT INTO "charging_transaction" ("station_id", "transaction_id", "active", '
        '"event_count", "has_started_event", "has_ended_event", "created_at", "updated_at", '
        '"energy_first_wh", "energy_first_at", "energy_last_wh", "energy_last_at") '
        "VALUES ($1, $2, $3, $4, $3, $3, $5, $5, $6, $5, $7, $5)",
        ["CS-MIG", transaction_id, True, len(contexts), NOW, 100.0, 400.0],
    )
    (row,) = await _execute(
        'SELECT "id" FROM "charging_transaction" WHERE "transaction_id" = $1', [transaction_id]
    )
    for value, context in zip((100.0, 250.0, 400.0), contexts, strict=False):
        await _execute(
            'INSERT INTO "meter_sample" ("station_id", "transaction_id", "evse_id", '
            '"sampled_at", "measurand", "context", "multiplier", "value", "source") '
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            ["CS-MIG", row["id"], 0, NOW, "Energy.Active.Import.Register", context, 0, value, "x"],
        )


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_energy_pins_are_read_off_the_stored_begin_and_end_samples(
    kind: str, tmp_path: Path
) -> None:
    """0007: a transaction merged before the `energy_*_context` columns gets Transaction.Begin
    (End) there when one of its stored register samples has that context, so later readings
    still cannot move its bounds (J02)."""
    async with empty_database(kind, tmp_path) as url:
        await migrate(config=tortoise_config(url), target=BEFORE_ENERGY_PINS)
        await close_database()
        await open_database(url)
        try:
            await _execute(
                'INSERT INTO "station" ("id", "security_profile", "online", "created_at", '
                '"updated_at") VALUES ($1, $2, $3, $4, $4)',
                ["CS-MIG", 1, False, NOW],
            )
            await _transaction_with("TX-PINNED", ["Transaction.Begin", None, "Transaction.End"])
            await _transaction_with("TX-PLAIN", ["Sample.Periodic", None, None])
            await _transaction_with("TX-BEGIN", ["Transaction.Begin", None])
        finally:
            await close_database()
        await apply_migrations(url)
        await open_database(url)
        try:
            rows = await _execute(
                'SELECT "transaction_id", "energy_first_context", "energy_last_context" '
                'FROM "charging_transaction" ORDER BY "transaction_id"',
                [],
            )
        finally:
            await close_database()
    assert [tuple(row.values()) for row in rows] == [
        ("TX-BEGIN", "Transaction.Begin", None),
        ("TX-PINNED", "Transaction.Begin", "Transaction.End"),
        ("TX-PLAIN", None, None),
    ]
