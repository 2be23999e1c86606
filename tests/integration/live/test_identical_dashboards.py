"""Fleet dashboards sending the same document over real graphql-transport-ws sockets receive the
same events, and each event is executed once for all of them: they share one live feed
(graphql_schema/live/feeds.py)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from graphql import OperationType
from graphql.execution.executor import Executor

from tests.support.nodes import RunningNode

EVENTS = """
subscription($id: ID) { stationEvents(stationId: $id) { type stationId occurredAt payload } }
"""
DASHBOARDS = 3


async def test_identical_fleet_dashboards_share_each_events_execution(
    node: RunningNode, monkeypatch: pytest.MonkeyPatch
) -> None:
    executions: Counter[tuple[str, str, str]] = Counter()
    original = Executor.execute_operation

    def counted(self: Executor[Any], serially: bool | None = None) -> Any:
        if self.operation.operation is OperationType.SUBSCRIPTION:
            root = self.root_value
            executions[root.type, root.occurred_at.isoformat(), repr(root.payload)] += 1
        return original(self, serially)

    monkeypatch.setattr(Executor, "execute_operation", counted)
    async with (
        node.graphql.subscribe(EVENTS, {"id": None}) as first,
        node.graphql.subscribe(EVENTS, {"id": None}) as second,
        node.graphql.subscribe(EVENTS, {"id": None}) as third,
    ):
        await node.wait_subscribers(DASHBOARDS)
        station = await node.station("CS-SHARED")
        await station.boot(vendor="Acme", model="Fast")
        received = [
            [(await dashboard.next())["stationEvents"] for _ in range(2)]
            for dashboard in (first, second, third)
        ]
        await station.close()

    assert [event["type"] for event in received[0]] == ["CONNECTED", "BOOT"]
    assert {event["stationId"] for event in received[0]} == {"CS-SHARED"}
    assert received == [received[0]] * DASHBOARDS
    assert len(executions) >= 2
    assert set(executions.values()) == {1}  # each event executed once for all three
