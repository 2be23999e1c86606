"""Persistence: checked-in migrations match the models, and at-least-once delivery is
idempotent on (connection, message id), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tortoise import connections
from tortoise.context import TortoiseContext
from tortoise.migrations.autodetector import MigrationAutodetector

from app.worker import Worker
from infra.bus.memory import MemoryBus
from infra.cache.aio import AioCache
from infra.db.config import tortoise_config
from infra.db.models import Station
from infra.db.unit_of_work import transaction
from modules.kernel import topics
from modules.kernel.dispatcher import Dispatcher
from modules.kernel.envelope import Envelope, Kind
from modules.kernel.routing import build_routing_table
from modules.provisioning import (
    LastSeenBuffer,
    ProvisioningConfig,
    SqlProvisioningStore,
    build_module,
)


async def test_checked_in_migrations_match_the_models(tmp_path: Path) -> None:
    config = tortoise_config(f"sqlite://{tmp_path / 'autodetect.sqlite3'}")
    async with TortoiseContext() as ctx:
        await ctx.init(config=config)
        assert ctx.apps is not None
        detector = MigrationAutodetector(ctx.apps, config["apps"])
        pending = await detector.changes()
    assert pending == [], "models changed: run `make migrations` and commit the new file"


async def test_the_message_log_keeps_exactly_its_station_and_time_indexes(
    opened_database: str,
) -> None:
    """Every index is written for each logged frame: the migrated table has the two its
    queries use, and the redundant one on station_id alone is gone on both dialects."""
    connection = connections.get("default")
    if opened_database.startswith("sqlite"):
        sql = "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ocpp_message'"
        key = "sql"
    else:
        sql = "SELECT indexdef FROM pg_indexes WHERE tablename = 'ocpp_message'"
        key = "indexdef"
    rows = await connection.execute_query_dict(sql)
    columns = sorted(
        row[key].rpartition("(")[2].rstrip(")").replace('"', "").replace(" ", "")
        for row in rows
        if row[key] and "_pkey" not in row[key]
    )

    assert columns == ["created_at", "station_id,id"]


async def test_redelivered_call_is_answered_again_and_handled_once(
    opened_database: str,
) -> None:
    bus = MemoryBus()
    cache = AioCache.memory(namespace="idempotency-test")
    dispatcher = Dispatcher(
        build_routing_table(
            [
                build_module(
                    ProvisioningConfig(),
                    SqlProvisioningStore(),
                    LastSeenBuffer(SqlProvisioningStore()),
                )
            ]
        ),
        now=_fixed_now,
        unit_of_work=transaction,
    )
    worker = Worker(bus, cache, dispatcher, remember_replies=True)
    replies: list[bytes] = []
    events: list[bytes] = []

    async def collect_reply(data: bytes) -> None:
        replies.append(data)

    async def collect_event(data: bytes) -> None:
        events.append(data)

    await bus.subscribe(topics.node_topic("n1"), "n1", collect_reply)
    await bus.subscribe(topics.EVENTS, "events-n1", collect_event)
    call = Envelope(
        kind=Kind.STATION_CALL,
        station_id="CS-TWICE",
        message_id="m-1",
        action="BootNotification",
        payload={"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}},
        reply_to="n1",
        connection_id="c-1",
    )
    await worker.consume(call.to_bytes())
    await worker.consume(call.to_bytes())
    await bus.close()
    assert len(replies) == 2 and replies[0] == replies[1]
    assert Envelope.from_bytes(replies[0]).payload == {
        "currentTime": "2026-11-24T12:00:00.000Z",
        "interval": 300,
        "status": "Accepted",
    }
    assert len(events) == 1  # the BOOT event of the one real handling
    assert await Station.filter(id="CS-TWICE").count() == 1
    await cache.close()


def _fixed_now() -> datetime:
    return datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
