"""Migrations that rewrite stored rows, applied to a database holding rows of the schema
before them, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from tortoise import connections
from tortoise.migrations.api import migrate

from infra.db.config import apply_migrations, close_database, open_database, tortoise_config
from infra.db.models import ChargingProfileReportPart, ChargingProfileRequest, StationEventData
from infra.db.sql import parameter
from modules.kernel.ocpp_parts import part_digest
from tests.conftest import NodeFactory
from tests.support.databases import empty_database
from tests.support.nodes import RunningNode
from tests.support.smart_charging import station_profile


@asynccontextmanager
async def seeded_then_migrated(
    kind: str, tmp_path: Path, target: str, seed: Callable[[str], Awaitable[None]]
) -> AsyncIterator[str]:
    """An empty database migrated up to `target`, given the rows older code wrote there by
    `seed(kind)`, then migrated to the latest; yields its URL."""
    async with empty_database(kind, tmp_path) as url:
        await migrate(config=tortoise_config(url), target=target)
        await close_database()
        await open_database(url)
        try:
            await seed(kind)
        finally:
            await close_database()
        await apply_migrations(url)
        yield url


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


BEFORE_REPAIR = "csms.0011_reservations"
ODD_FLEET = """
{
  stations { id evses { id connectors { id reportedAt } } }
  stationAlerts { seqNo eventId timestamp generatedAt }
  transactions { transactionId evseId energyWh energyStartWh energyEndWh }
}
"""


async def _odd_rows(kind: str) -> None:
    """Rows odd station values left before they were refused: on SQLite, date-times out of
    range in UTC (kept with their offset) and integers beyond 32 bits; on both, infinite
    energies."""
    await _execute(
        'INSERT INTO "station" ("id", "security_profile", "online", "created_at", '
        '"updated_at") VALUES ($1, $2, $3, $4, $4)',
        ["CS-ODD", 1, False, NOW],
    )
    inf = float("inf")
    await _execute(
        'INSERT INTO "charging_transaction" ("station_id", "transaction_id", "active", '
        '"event_count", "has_started_event", "has_ended_event", "created_at", "updated_at", '
        '"energy_first_wh", "energy_last_wh", "energy_wh", "evse_id") '
        "VALUES ($1, $2, $3, $4, $3, $3, $5, $5, $6, $7, $8, $9)",
        ["CS-ODD", "TX-ODD", True, 1, NOW, -inf, inf, inf, 2**31 if kind == "sqlite" else 1],
    )
    if kind != "sqlite":
        return
    await _execute(
        'INSERT INTO "connector_status" ("station_id", "evse_id", "connector_id", "status", '
        '"reported_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6)',
        ["CS-ODD", 1, 1, "Faulted", "9999-12-31 23:59:59-01:00", NOW],
    )
    await _execute(
        'INSERT INTO "station_event_data" ("station_id", "generated_at", "seq_no", "tbc", '
        '"event_id", "timestamp", "trigger", "actual_value", "event_notification_type", '
        '"received_at", "component_name", "variable_name") '
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        [
            "CS-ODD",
            "9999-12-31 23:30:00-01:00",
            2**64 - 1 - 2**63,
            False,
            -(2**40),
            "0001-01-01 00:00:00+01:00",
            "Alerting",
            "x",
            "CustomMonitor",
            NOW,
            "Connector",
            "AvailabilityState",
        ],
    )


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_rows_odd_station_values_left_are_clamped_so_the_fleet_view_reads(
    kind: str, tmp_path: Path, make_node: NodeFactory, started_nodes: list[RunningNode]
) -> None:
    """0012 (issue 24 items 4-5): a date-time out of range in UTC becomes the nearest instant
    the CSMS reads, an integer beyond 32 bits the nearest 32-bit one, an infinite energy
    unknown; before it, these rows broke `stations`, `stationAlerts` and `transactions` for
    every operator."""
    async with seeded_then_migrated(kind, tmp_path, BEFORE_REPAIR, _odd_rows) as url:
        node = await make_node(url)
        try:
            data = await node.graphql.data(ODD_FLEET)
        finally:
            await started_nodes.pop().server.close()

    energy = {"energyWh": None, "energyStartWh": None, "energyEndWh": None}
    if kind == "postgres":
        assert data["transactions"] == [{"transactionId": "TX-ODD", "evseId": 1, **energy}]
        return
    assert data["transactions"] == [{"transactionId": "TX-ODD", "evseId": 2**31 - 1, **energy}]
    assert data["stations"] == [
        {
            "id": "CS-ODD",
            "evses": [
                {
                    "id": 1,
                    "connectors": [{"id": 1, "reportedAt": "9999-12-31T23:59:59.999999+00:00"}],
                }
            ],
        }
    ]
    assert data["stationAlerts"] == [
        {
            "seqNo": 2**31 - 1,
            "eventId": -(2**31),
            "timestamp": "0001-01-01T00:00:00+00:00",
            "generatedAt": "9999-12-31T23:59:59.999999+00:00",
        }
    ]


BEFORE_NATURAL_KEYS = "csms.0023_sites"
SIGNED = {
    "signedMeterData": "abc",
    "signingMethod": "",
    "encodingMethod": "OCMF",
    "publicKey": "",
}
NATURAL_KEYS_READ = """
query { meterSamples(stationId: "CS-MIG", first: 100) { measurand value signedMeterValue {
  signedMeterData } }
  securityEvents(stationId: "CS-MIG") { type techInfo } }
"""


async def _stored_twice_before_natural_keys(kind: str) -> None:
    await _execute(
        'INSERT INTO "station" ("id", "security_profile", "online", "created_at", '
        '"updated_at") VALUES ($1, $2, $3, $4, $4)',
        ["CS-MIG", 1, False, NOW],
    )
    signed = orjson.dumps(SIGNED).decode()
    for _ in range(3):
        for measurand, value, data in (("Voltage", 230.0, None), ("SoC", 50.0, signed)):
            await _execute(
                'INSERT INTO "meter_sample" ("station_id", "evse_id", "sampled_at", '
                '"measurand", "unit", "multiplier", "value", "signed_data", "source") '
                f"VALUES ($1, $2, $3, $4, $5, $6, $7, {'$8::json' if kind == 'postgres' else '$8'}"
                ", $9)",
                ["CS-MIG", 1, NOW, measurand, None, 0, value, data, "MeterValues"],
            )
        for tech_info in (None, "lid open"):
            await _execute(
                'INSERT INTO "security_event" ("station_id", "type", "timestamp", "tech_info", '
                '"received_at") VALUES ($1, $2, $3, $4, $3)',
                ["CS-MIG", "Tamper", NOW, tech_info],
            )


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_rows_stored_twice_before_natural_keys_are_kept_once_and_resends_add_none(
    kind: str, tmp_path: Path, make_node: NodeFactory, started_nodes: list[RunningNode]
) -> None:
    """0017: samples and security events a resend stored again before the natural keys
    existed are removed, the oldest of each kept; the content keys it computes for the rows
    kept are those the CSMS computes, so the same samples resent after it add no row."""
    async with seeded_then_migrated(
        kind, tmp_path, BEFORE_NATURAL_KEYS, _stored_twice_before_natural_keys
    ) as url:
        node = await make_node(url)
        try:
            station = await node.booted_station("CS-MIG")
            resent = {
                "evseId": 1,
                "meterValue": [
                    {
                        "timestamp": NOW.isoformat().replace("+00:00", "Z"),
                        "sampledValue": [
                            {"value": 230.0, "measurand": "Voltage"},
                            {"value": 50.0, "measurand": "SoC", "signedMeterValue": SIGNED},
                        ],
                    }
                ],
            }
            assert (await station.call("MeterValues", resent))[2] == {}
            await station.close()
            data = await node.graphql.data(NATURAL_KEYS_READ)
        finally:
            await started_nodes.pop().server.close()

    assert sorted((s["measurand"], s["value"]) for s in data["meterSamples"]) == [
        ("SoC", 50.0),
        ("Voltage", 230.0),
    ]
    assert sorted((e["type"], e["techInfo"] or "") for e in data["securityEvents"]) == [
        ("Tamper", ""),
        ("Tamper", "lid open"),
    ]


BEFORE_PART_KEYS = "csms.0024_natural_keys"
EVENT_COLUMNS = (
    '"station_id", "generated_at", "seq_no", "tbc", "event_id", "timestamp", "trigger", '
    '"actual_value", "event_notification_type", "received_at", "component_name", '
    '"variable_name"'
)
TEMPERATURE = ("ChargingStation", "Temperature")


async def _parts_stored_twice_before_part_keys(kind: str) -> None:
    """NotifyEvent items a resend stored three times, another message's item of the same
    generatedAt and seqNo, and a ReportChargingProfiles part key kept on its request."""
    await _execute(
        'INSERT INTO "station" ("id", "security_profile", "online", "created_at", '
        '"updated_at") VALUES ($1, $2, $3, $4, $4)',
        ["CS-MIG", 1, False, NOW],
    )
    for event_id in (11, 12) * 3 + (20,):
        await _execute(
            f'INSERT INTO "station_event_data" ({EVENT_COLUMNS}) '
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            [
                "CS-MIG",
                NOW,
                0,
                False,
                event_id,
                NOW,
                "Delta",
                "71.5",
                "HardWiredMonitor",
                NOW,
                *TEMPERATURE,
            ],
        )
    keys = orjson.dumps(["1/CSO/5/1"]).decode()
    await _execute(
        'INSERT INTO "charging_profile_request" ("station_id", "request_id", "part_keys", '
        f'"parts", "profiles") VALUES ($1, $2, {"$3::json" if kind == "postgres" else "$3"}, '
        "$4, $4)",
        ["CS-MIG", 6, keys, 1],
    )


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_parts_stored_twice_before_part_keys_are_kept_once_and_resends_add_none(
    kind: str, tmp_path: Path, make_node: NodeFactory, started_nodes: list[RunningNode]
) -> None:
    """0025: NotifyEvent items stored again by resends before their natural key existed are
    removed, the oldest of each kept (an item of another message with the same generatedAt
    and seqNo stays); the part keys a GetChargingProfiles request kept move to their table,
    so the same parts resent after it are answered and add nothing."""
    async with seeded_then_migrated(
        kind, tmp_path, BEFORE_PART_KEYS, _parts_stored_twice_before_part_keys
    ) as url:
        node = await make_node(url)
        try:
            station = await node.booted_station("CS-MIG")
            event = {
                "generatedAt": "2026-03-01T10:00:00Z",
                "seqNo": 0,
                "eventData": [
                    {
                        "eventId": event_id,
                        "timestamp": "2026-03-01T10:00:00Z",
                        "trigger": "Delta",
                        "actualValue": "71.5",
                        "eventNotificationType": "HardWiredMonitor",
                        "component": {"name": "ChargingStation"},
                        "variable": {"name": "Temperature"},
                    }
                    for event_id in (11, 12)
                ],
            }
            profiles = {
                "requestId": 6,
                "chargingLimitSource": "CSO",
                "evseId": 1,
                "tbc": True,
                "chargingProfile": [station_profile(5)],
            }
            assert (await station.call("NotifyEvent", event, "ne"))[2] == {}
            assert (await station.call("ReportChargingProfiles", profiles, "rcp"))[2] == {}
            await station.close()
            events: list[Any] = await StationEventData.filter(station_id="CS-MIG").values_list(
                "event_id", flat=True
            )
            request = await ChargingProfileRequest.get(station_id="CS-MIG", request_id=6)
            moved = await ChargingProfileReportPart.filter(request_id=request.id)
        finally:
            await started_nodes.pop().server.close()

    assert sorted(events) == [11, 12, 20]
    assert [part.part_key for part in moved] == [part_digest("1/CSO/5/1")]
    assert (request.parts, request.profiles) == (1, 1)
