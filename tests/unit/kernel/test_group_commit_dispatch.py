"""A group-committed handler that runs twice (its batch was retried with savepoints after a
neighbour failed) is answered once, with the events of its committed run only."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from ocpp.v201 import call, call_result

from modules.kernel.dispatcher import Dispatcher
from modules.kernel.envelope import Envelope, Kind
from modules.kernel.errors import SecurityError
from modules.kernel.group_commit import GroupCommit
from modules.kernel.routing import HandlerContext, Module, StationCallRoute, build_routing_table
from modules.provisioning import Connected

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@asynccontextmanager
async def no_database() -> AsyncIterator[None]:
    yield


async def heartbeat(ctx: HandlerContext, request: call.Heartbeat) -> call_result.Heartbeat:
    ctx.emit(Connected(station_id=ctx.station_id, occurred_at=ctx.now))
    if ctx.station_id == "CS-BAD":
        raise SecurityError("refused after its write")
    return call_result.Heartbeat(current_time="2026-11-24T08:00:00Z")


def heartbeat_call(station_id: str) -> Envelope:
    return Envelope(
        kind=Kind.STATION_CALL,
        station_id=station_id,
        message_id=f"m-{station_id}",
        action="Heartbeat",
        payload={},
        connection_id="c1",
        reply_to="node-1",
    )


async def test_a_retried_unit_reports_its_events_once() -> None:
    route = StationCallRoute(request_type=call.Heartbeat, handler=heartbeat, group_commit=True)
    table = build_routing_table([Module("test", station_calls={"Heartbeat": route})])
    group = GroupCommit(window=0.01, max_batch=10, transaction=no_database)
    dispatcher = Dispatcher(table, lambda: NOW, no_database, group)

    (good, good_events), (bad, bad_events) = await asyncio.gather(
        dispatcher.handle_call(heartbeat_call("CS-GOOD")),
        dispatcher.handle_call(heartbeat_call("CS-BAD")),
    )

    assert group.retried_batches == 1
    assert not good.error_code and good.payload == {"currentTime": "2026-11-24T08:00:00Z"}
    assert [(e.type, e.station_id) for e in good_events] == [("CONNECTED", "CS-GOOD")]
    assert bad.error_code == "SecurityError" and bad_events == []
