"""Long-lived subscriptions keep no memory per delivered event (graphql-core 3.3 otherwise
keeps about 1 kB per event for the subscription's lifetime: graphql_schema/live/execution.py)."""

from __future__ import annotations

import asyncio
import gc
import tracemalloc
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast

import pytest
import strawberry

from app.event_hub import EventHub
from graphql_schema.context import ApiServices, Context
from graphql_schema.live.execution import PerEventMemoExecutionContext
from graphql_schema.schema import schema
from infra.bus.memory import MemoryBus
from modules.kernel.events import Event
from modules.transactions import MeterValuesStored, SampledValue

WAIT = 5.0
"""Only a guard against hanging."""

EVENTS = 3000
METER = """subscription { meterValues { type stationId missed samples { measurand value } } }"""
STATION = "subscription { stationEvents { type stationId occurredAt payload } }"


@pytest.fixture
async def hub() -> AsyncIterator[EventHub]:
    bus = MemoryBus()
    yield EventHub(bus, "node-a")
    await bus.close()


def context(hub: EventHub) -> Context:
    """A context whose services hold only the event hub (all the subscriptions use)."""
    services = cast(ApiServices, SimpleNamespace(events=hub))
    return Context(request=cast(Any, None), response=None, services=services, authenticated=True)


def meter_event(number: int) -> Event:
    now = datetime.now(UTC)
    sample = SampledValue(timestamp=now.isoformat(), measurand="Voltage", value=float(number))
    return MeterValuesStored(
        station_id="CS1",
        occurred_at=now,
        transaction_id="TX",
        evse_id=1,
        source="MeterValues",
        samples=(sample,),
    )


@pytest.mark.parametrize("query", [METER, STATION], ids=["meterValues", "stationEvents"])
async def test_delivered_events_are_not_kept_by_the_subscription(hub: EventHub, query: str) -> None:
    assert schema.execution_context_class is PerEventMemoExecutionContext
    stream = await schema.subscribe(query, context_value=context(hub))
    assert not isinstance(stream, strawberry.types.ExecutionResult)
    first = asyncio.ensure_future(anext(stream))
    async with asyncio.timeout(WAIT):
        while hub.subscriber_count == 0:  # noqa: ASYNC110 - plain state, not an event
            await asyncio.sleep(0.001)
    hub.publish_local(meter_event(0))
    assert not (await asyncio.wait_for(first, WAIT)).errors

    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(1, EVENTS + 1):
            hub.publish_local(meter_event(number))
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
