"""Long-lived subscriptions keep no memory per delivered event (graphql-core 3.3 otherwise
keeps about 1 kB per event for the subscription's lifetime: graphql_schema/live/execution.py)."""

from __future__ import annotations

import asyncio
import gc
import tracemalloc
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import strawberry

from app.event_hub import EventHub
from graphql_schema.live.execution import PerEventMemoExecutionContext
from graphql_schema.schema import schema
from infra.bus.memory import MemoryBus
from tests.unit.live.helpers import WAIT, first_read, hub_context, meter_event

EVENTS = 3000
METER = """subscription { meterValues { type stationId missed samples { measurand value } } }"""
STATION = "subscription { stationEvents { type stationId occurredAt payload } }"


@pytest.fixture
async def hub() -> AsyncIterator[EventHub]:
    bus = MemoryBus()
    yield EventHub(bus, "node-a")
    await bus.close()


@pytest.mark.parametrize("query", [METER, STATION], ids=["meterValues", "stationEvents"])
async def test_delivered_events_are_not_kept_by_the_subscription(hub: EventHub, query: str) -> None:
    assert schema.execution_context_class is PerEventMemoExecutionContext
    stream = await schema.subscribe(query, context_value=hub_context(hub))
    assert not isinstance(stream, strawberry.types.ExecutionResult)
    first = await first_read(hub, stream)
    hub.publish_local(meter_event(0.0, datetime.now(UTC)))
    assert not (await asyncio.wait_for(first, WAIT)).errors

    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(1, EVENTS + 1):
            hub.publish_local(meter_event(float(number), datetime.now(UTC)))
            result = await asyncio.wait_for(anext(stream), WAIT)
            assert not result.errors
        del result
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
        await stream.aclose()

    # with the shared memo this is about 1 kB per event (3 MB here)
    assert grown < 100 * EVENTS, f"{grown} bytes kept after {EVENTS} events"
