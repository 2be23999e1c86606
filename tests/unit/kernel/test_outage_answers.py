"""A station CALL whose handler fails because a dependency is unavailable is answered
`InternalError "database unavailable"` (Part 4 §4.3), without internals; a group-commit
batch failing so is not run a second time (issue 24 item 11)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from ocpp.v201 import call, call_result

from infra.outages import unavailable_dependency
from modules.kernel.dispatcher import Dispatcher
from modules.kernel.envelope import Envelope, Kind
from modules.kernel.group_commit import GroupCommit
from modules.kernel.outages import DependencyUnavailable
from modules.kernel.routing import HandlerContext, Module, StationCallRoute, build_routing_table

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


class Outage:
    """A database that refuses connections: every transaction fails on opening."""

    def __init__(self) -> None:
        self.transactions = 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        self.transactions += 1
        raise ConnectionRefusedError(111, "Connect call failed ('10.0.0.9', 5432)")
        yield  # pragma: no cover


async def heartbeat(ctx: HandlerContext, request: call.Heartbeat) -> call_result.Heartbeat:
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


def dispatcher(outage: Outage, group_commit: bool) -> tuple[Dispatcher, GroupCommit | None]:
    route = StationCallRoute(
        request_type=call.Heartbeat, handler=heartbeat, group_commit=group_commit
    )
    table = build_routing_table([Module("test", station_calls={"Heartbeat": route})])
    group = (
        GroupCommit(0.01, 10, outage.transaction, unavailable_dependency) if group_commit else None
    )
    return Dispatcher(table, lambda: NOW, outage.transaction, group, unavailable_dependency), group


async def test_a_refused_database_is_named_in_the_internal_error() -> None:
    outage = Outage()
    reply, events = await dispatcher(outage, group_commit=False)[0].handle_call(
        heartbeat_call("CS-1")
    )
    assert (reply.error_code, reply.error_description) == ("InternalError", "database unavailable")
    assert events == []


async def test_a_group_commit_batch_is_not_run_again_while_the_database_is_down() -> None:
    outage = Outage()
    handler, group = dispatcher(outage, group_commit=True)
    calls = [heartbeat_call("CS-1"), heartbeat_call("CS-2")]
    replies = await asyncio.gather(*(handler.handle_call(c) for c in calls))
    assert [(r.error_code, r.error_description) for r, _ in replies] == [
        ("InternalError", "database unavailable")
    ] * 2
    assert outage.transactions == 1  # one shared attempt, no isolated retry
    assert group is not None and group.retried_batches == 0


async def test_any_other_failure_stays_an_anonymous_internal_error() -> None:
    async def broken(ctx: HandlerContext, request: call.Heartbeat) -> call_result.Heartbeat:
        raise KeyError("evse")

    route = StationCallRoute(request_type=call.Heartbeat, handler=broken, transactional=False)
    table = build_routing_table([Module("test", station_calls={"Heartbeat": route})])
    handler = Dispatcher(table, lambda: NOW, Outage().transaction, None, unavailable_dependency)
    reply, _ = await handler.handle_call(heartbeat_call("CS-1"))
    assert (reply.error_code, reply.error_description) == ("InternalError", "internal error")


async def test_an_adapter_naming_its_dependency_is_believed() -> None:
    async def cached(ctx: HandlerContext, request: call.Heartbeat) -> call_result.Heartbeat:
        raise DependencyUnavailable("cache") from TimeoutError()

    route = StationCallRoute(request_type=call.Heartbeat, handler=cached, transactional=False)
    table = build_routing_table([Module("test", station_calls={"Heartbeat": route})])
    reply, _ = await Dispatcher(table, lambda: NOW, Outage().transaction).handle_call(
        heartbeat_call("CS-1")
    )
    assert reply.error_description == "cache unavailable"
