"""Store code: the hand-written statements of the provisioning writes every station makes on
every (re)connect. Only `store.py` calls this file.

A reconnect storm brings, per station, a disconnect, a connect, a boot and a status
notification. Through the ORM each statement cost about as much Python time (building the
query object and its SQL) as the database took to run it, so these few hot paths write with
one prepared statement each, on the surrounding transaction's connection. The Heartbeat
last-seen flush writes with one executemany statement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import datetime
from typing import Any

from tortoise import connections

from infra.db.sql import current_client, parameter
from modules.provisioning.records import BootInputs, BootRecordView, ConnectorRecord

DEFAULT_SECURITY_PROFILE = 1


NEWER_CONNECTION = (
    '"station"."connection_id" IS NULL OR substr("station"."connection_id", 17, 1) <> \'-\' '
    'OR "station"."connection_id" < excluded."connection_id"'
)
"""The stored connection is older than the one being written (connection ids order by
generation, `modules/kernel/connection_ids.py`; an id of the older shape counts as oldest)."""


def _upsert_station_sql(
    dialect: str, inserted: tuple[str, ...], updated: tuple[str, ...], where: str = ""
) -> str:
    """INSERT a station row with `inserted` or, when it exists, UPDATE just `updated` (only
    where `where` holds, when given)."""
    values = ", ".join(parameter(dialect, i + 1) for i in range(len(inserted)))
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in updated)
    names = ", ".join(f'"{c}"' for c in inserted)
    condition = f" WHERE {where}" if where else ""
    return (
        f'INSERT INTO "station" ({names}) VALUES ({values}) '
        f'ON CONFLICT ("id") DO UPDATE SET {updates}{condition}'
    )


async def upsert_station(
    station_id: str, now: datetime, values: dict[str, Any], where: str = ""
) -> None:
    """Set `values` on the station's row, creating the row (never-seen station) if needed;
    an existing row is changed only where `where` holds, when given."""
    client = current_client()
    row: dict[str, Any] = {
        "id": station_id,
        "security_profile": DEFAULT_SECURITY_PROFILE,
        "online": False,
        "created_at": now,
        **values,
        "updated_at": now,
    }
    updated = tuple(c for c in row if c in values or c == "updated_at")
    sql = _upsert_station_sql(client.capabilities.dialect, tuple(row), updated, where)
    await client.execute_query(sql, list(row.values()))


async def mark_disconnected(station_id: str, connection_id: str | None, now: datetime) -> bool:
    """Mark the station offline if `connection_id` is still its current connection; whether
    it was (False: a newer connection already replaced it)."""
    client = current_client()
    dialect = client.capabilities.dialect
    now_at, station, connection = (parameter(dialect, i) for i in (1, 2, 3))
    sql = (
        f'UPDATE "station" SET "online" = {parameter(dialect, 4)}, "connected_node" = NULL, '
        f'"connection_id" = NULL, "last_seen_at" = {now_at}, "updated_at" = {now_at} '
        f'WHERE "id" = {station} AND "connection_id" = {connection}'
    )
    updated, _ = await client.execute_query(sql, [now, station_id, connection_id, False])
    return bool(updated)


HEARTBEAT_INTERVAL_KEY = "ocppcommctrlr\x1f\x1f\x1f\x1fheartbeatinterval\x1f"
"""The device model's key of OCPPCommCtrlr.HeartbeatInterval (`VariableRef.key` of the
device-model block; a test holds the two equal)."""


async def boot_inputs(station_id: str) -> BootInputs:
    """The station's boot policy, boot-configuration state and heartbeat interval (the one
    the CSMS set, and the device model's Actual value: tables of the device-model block, read
    here so a boot stays one round trip)."""
    client = current_client()
    dialect = client.capabilities.dialect
    station, key = parameter(dialect, 1), parameter(dialect, 2)
    sql = (
        f'SELECT \'policy\' AS "kind", "status", "interval", 0 AS "applied" '
        f'FROM "station_boot_policy" WHERE "station_id" = {station} '
        f"UNION ALL SELECT 'configuration', NULL, NULL, "
        f'CASE WHEN "applied_at" IS NULL THEN 0 ELSE 1 END '
        f'FROM "boot_configuration" WHERE "station_id" = {station} '
        f"UNION ALL SELECT 'heartbeat', NULL, \"heartbeat_interval\", 0 "
        f'FROM "station_device_state" WHERE "station_id" = {station} '
        f"UNION ALL SELECT 'reported', a.\"value\", NULL, 0 "
        f'FROM "device_attribute" AS a JOIN "device_variable" AS v ON v."id" = a."variable_id" '
        f'WHERE v."station_id" = {station} AND v."key" = {key} AND a."type" = \'Actual\''
    )
    found: dict[str, Any] = {}
    for row in await client.execute_query_dict(sql, [station_id, HEARTBEAT_INTERVAL_KEY]):
        found[row["kind"]] = row
    policy, configuration = found.get("policy"), found.get("configuration")
    heartbeat, reported = found.get("heartbeat"), found.get("reported")
    return BootInputs(
        has_policy=policy is not None,
        policy_status=policy["status"] if policy else None,
        policy_interval=policy["interval"] if policy else None,
        has_configuration=configuration is not None,
        configuration_applied=bool(configuration and configuration["applied"]),
        heartbeat_interval=heartbeat["interval"] if heartbeat else None,
        reported_heartbeat_interval=reported["status"] if reported else None,
    )


_BOOT_RECORD_COLUMNS = tuple(field.name for field in fields(BootRecordView))
"""The boot_record columns an insert writes: the entry's fields, named alike."""


async def record_boot(entry: BootRecordView) -> None:
    """Insert one boot_record row."""
    client = current_client()
    dialect = client.capabilities.dialect
    names = ", ".join(f'"{c}"' for c in _BOOT_RECORD_COLUMNS)
    marks = ", ".join(parameter(dialect, i + 1) for i in range(len(_BOOT_RECORD_COLUMNS)))
    sql = f'INSERT INTO "boot_record" ({names}) VALUES ({marks})'
    await client.execute_query(sql, [getattr(entry, c) for c in _BOOT_RECORD_COLUMNS])


async def store_connector_status(reported: ConnectorRecord, now: datetime) -> str | None:
    """Store a connector's status; returns the status it had before (None: first report)."""
    client = current_client()
    dialect = client.capabilities.dialect
    p = [parameter(dialect, i) for i in range(1, 7)]
    key = f'"station_id" = {p[0]} AND "evse_id" = {p[1]} AND "connector_id" = {p[2]}'
    where = [reported.station_id, reported.evse_id, reported.connector_id]
    rows = await client.execute_query_dict(
        f'SELECT "status" FROM "connector_status" WHERE {key}', where
    )
    previous: str | None = rows[0]["status"] if rows else None
    sql = (
        'INSERT INTO "connector_status" ("station_id", "evse_id", "connector_id", "status", '
        f'"reported_at", "updated_at") VALUES ({", ".join(p)}) '
        'ON CONFLICT ("station_id", "evse_id", "connector_id") DO UPDATE SET '
        '"status" = excluded."status", "reported_at" = excluded."reported_at", '
        '"updated_at" = excluded."updated_at"'
    )
    await client.execute_query(sql, [*where, reported.status, reported.reported_at, now])
    return previous


def _last_seen_sql(dialect: str) -> str:
    """One station's UPDATE, for executemany (a reconnect storm notes thousands of stations
    per second; the ORM built one query object per station). A time never moves backwards."""
    at, station = parameter(dialect, 1), parameter(dialect, 2)
    return (
        f'UPDATE "station" SET "last_seen_at" = {at} WHERE "id" = {station} '
        f'AND ("last_seen_at" IS NULL OR "last_seen_at" < {at})'
    )


async def write_last_seen(seen: Mapping[str, datetime]) -> None:
    """Write each station's last-seen time unless the stored one is newer, in one statement."""
    connection = connections.get("default")
    rows = [[at, station_id] for station_id, at in seen.items()]
    await connection.execute_many(_last_seen_sql(connection.capabilities.dialect), rows)
