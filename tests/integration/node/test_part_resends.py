"""A part of a multi-part station message (NotifyEvent, NotifyMonitoringReport, NotifyReport,
NotifyCustomerInformation, NotifyDisplayMessages, ReportChargingProfiles) that comes twice is
stored once, by a unique index on its natural key: resent on the station's next connection
under a new message id, and handled by two workers at the same time, each in its own database
transaction. Both are answered as the first; only the one that stored it emits events. On
SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from tortoise.transactions import in_transaction

from infra.db.models import Station
from modules.kernel.routing import HandlerContext
from tests.support.nodes import RunningNode
from tests.support.part_resends import CASES, PartCase

NOW = datetime(2026, 12, 7, 10, 0, 5, tzinfo=UTC)


async def _handled(
    case: PartCase, message_id: str, both_begun: asyncio.Barrier | None
) -> HandlerContext:
    ctx = HandlerContext(station_id="CS-TWICE", message_id=message_id, now=NOW)
    async with in_transaction() as connection:
        if both_begun is not None:
            await connection.execute_query("SELECT 1")
            await both_begun.wait()
        await case.handle(ctx, case.payload)
    return ctx


@pytest.mark.parametrize("case", CASES, ids=[case.action for case in CASES])
async def test_a_part_handled_twice_at_once_is_stored_once(
    case: PartCase, opened_database: str
) -> None:
    """Two transactions store the same part at once (as two workers given a Pub/Sub
    redelivery): the later waits for the earlier's row on the unique index (or its request
    row's lock), finds it committed, and stores and emits nothing. On PostgreSQL both
    transactions have begun before either handles the part, so neither can see the other's
    row when it looks; SQLite runs one transaction at a time."""
    await Station.create(id="CS-TWICE")
    both_begun = asyncio.Barrier(2) if opened_database.startswith("postgres") else None

    contexts = await asyncio.gather(
        _handled(case, "first", both_begun), _handled(case, "redelivered", both_begun)
    )

    emitted = sorted(len(ctx.events) for ctx in contexts)
    assert emitted[0] == 0 and emitted[1] > 0
    assert await case.stored("CS-TWICE") == case.once


async def test_parts_resent_on_a_new_connection_are_stored_once(db_node: RunningNode) -> None:
    """The station did not see the answers and sends each part again on its next connection
    under new message ids: each is answered `{}` again, and the database holds it once."""
    station = await db_node.booted_station("CS-RESEND")
    for case in CASES:
        message_id = f"{case.action}-1"
        assert await station.call(case.action, case.payload, message_id) == [3, message_id, {}]
    await station.close()

    station = await db_node.station("CS-RESEND")
    for case in CASES:
        message_id = f"{case.action}-1-resent"
        assert await station.call(case.action, case.payload, message_id) == [3, message_id, {}]
    await station.close()

    stored = {case.action: await case.stored("CS-RESEND") for case in CASES}
    assert stored == {case.action: case.once for case in CASES}
