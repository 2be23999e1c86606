"""Set-based writes of device-model rows: one multi-row upsert per table and chunk (store
code: only `store.py` calls it).

A NotifyReport part of N variables costs two statements (variables, then their attributes),
never one per variable. The statements are plain `INSERT ... ON CONFLICT ... DO UPDATE`, which
SQLite (3.35+) and PostgreSQL both run; only the placeholders differ. Rows are written in key
order so two transactions touching the same variables lock them in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from infra.db.models import COMPONENT_VARIABLE_COLUMNS
from infra.db.sql import current_client, row_placeholders
from modules.device_model.records import AttributeRow, DeviceModelRows, VariableRow

VARIABLE_CHUNK = 500
ATTRIBUTE_CHUNK = 1000

CHARACTERISTICS = (
    "data_type",
    "unit",
    "min_limit",
    "max_limit",
    "values_list",
    "supports_monitoring",
)
"""The characteristics columns of `device_variable` (named as `Characteristics` fields)."""
_VARIABLE_COLUMNS = (
    "station_id",
    "key",
    *COMPONENT_VARIABLE_COLUMNS,
    *CHARACTERISTICS,
    "updated_at",
)
_NAMES = ("component_name", "component_instance", "variable_name", "variable_instance")
# dataType is required in VariableCharacteristicsType: a row without it carries no
# characteristics, and must not erase the ones already stored.
_VARIABLE_UPDATES = [f"{name} = excluded.{name}" for name in (*_NAMES, "updated_at")] + [
    f"{name} = CASE WHEN excluded.data_type IS NULL THEN device_variable.{name} "
    f"ELSE excluded.{name} END"
    for name in CHARACTERISTICS
]

ATTRIBUTE_COLUMNS = ("type", "value", "mutability", "persistent", "constant", "updated_at")
"""The columns of `device_attribute` besides its variable's id."""
_ATTRIBUTE_COLUMNS = ("variable_id", *ATTRIBUTE_COLUMNS)
# A value written back from GetVariables/SetVariables carries no mutability/persistence:
# keep what the last report said.
_ATTRIBUTE_UPDATES = ["value = excluded.value", "updated_at = excluded.updated_at"] + [
    f"{name} = COALESCE(excluded.{name}, device_attribute.{name})"
    for name in ("mutability", "persistent", "constant")
]


def _placeholders(client: BaseDBAsyncClient, rows: int, columns: int) -> str:
    return row_placeholders(client.capabilities.dialect, rows, columns)


def _chunks(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _variable_values(station_id: str, row: VariableRow, now: datetime) -> list[Any]:
    ref, chars = row.ref, row.characteristics
    return [
        station_id,
        ref.key,
        ref.component,
        ref.component_instance,
        ref.evse_id,
        ref.connector_id,
        ref.variable,
        ref.variable_instance,
        chars.data_type if chars else None,
        chars.unit if chars else None,
        float(chars.min_limit) if chars and chars.min_limit is not None else None,
        float(chars.max_limit) if chars and chars.max_limit is not None else None,
        chars.values_list if chars else None,
        chars.supports_monitoring if chars else None,
        now,
    ]


async def upsert_variables(
    station_id: str, rows: Sequence[VariableRow], now: datetime
) -> dict[str, int]:
    """Insert or update the variables; returns key -> variable id for every row given."""
    unique = sorted({row.ref.key: row for row in rows}.items())
    client = current_client()
    ids: dict[str, int] = {}
    for chunk in _chunks([row for _, row in unique], VARIABLE_CHUNK):
        values: list[Any] = []
        for row in chunk:
            values.extend(_variable_values(station_id, row, now))
        sql = (
            f"INSERT INTO device_variable ({', '.join(_VARIABLE_COLUMNS)}) VALUES "
            f"{_placeholders(client, len(chunk), len(_VARIABLE_COLUMNS))} "
            f"ON CONFLICT (station_id, key) DO UPDATE SET {', '.join(_VARIABLE_UPDATES)} "
            "RETURNING id, key"
        )
        for record in await client.execute_query_dict(sql, values):
            ids[record["key"]] = int(record["id"])
    return ids


async def upsert_attributes(
    variable_ids: dict[str, int], rows: Sequence[AttributeRow], now: datetime
) -> int:
    """Insert or update the attributes of variables already upserted; returns how many."""
    unique = sorted({(row.key, row.type): row for row in rows}.items())
    client = current_client()
    for chunk in _chunks([row for _, row in unique], ATTRIBUTE_CHUNK):
        values: list[Any] = []
        for row in chunk:
            values += [variable_ids[row.key], row.type, row.value, row.mutability]
            values += [row.persistent, row.constant, now]
        sql = (
            f"INSERT INTO device_attribute ({', '.join(_ATTRIBUTE_COLUMNS)}) VALUES "
            f"{_placeholders(client, len(chunk), len(_ATTRIBUTE_COLUMNS))} "
            f"ON CONFLICT (variable_id, type) DO UPDATE SET {', '.join(_ATTRIBUTE_UPDATES)}"
        )
        await client.execute_query(sql, values)
    return len(unique)


async def store(station_id: str, rows: DeviceModelRows, now: datetime) -> None:
    """Upsert variables and then their attributes."""
    if not rows.variables:
        return
    ids = await upsert_variables(station_id, rows.variables, now)
    await upsert_attributes(ids, rows.attributes, now)
