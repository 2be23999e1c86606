"""Live subscriptions run on their own (as strawberry runs those that share no feed): every
subscriber gets every event it asked for, with its own selection, its own station filter and
its own `missed` count."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, cast

import pytest

from app.event_hub import EventHub
from graphql_schema.live.subscriptions import StationEvent
from graphql_schema.schema import schema
from infra.bus.memory import MemoryBus
from modules.kernel.events import Event
from modules.provisioning import StatusChanged
from modules.transactions import TransactionUpdated
from tests.unit.live.helpers import NOON, WAIT, acme_boot, first_read, hub_context, meter_event

STATION = """
subscription($id: ID) { stationEvents(stationId: $id) { type stationId occurredAt payload } }
"""
TRANSACTIONS = """
subscription { transactionEvents { type stationId missed transactionId seqNo } }
"""
METER = "subscription { meterValues { type stationId missed samples { measurand value } } }"

Stream = AsyncGenerator[Any, None]


@pytest.fixture
async def hub() -> AsyncIterator[EventHub]:
    bus = MemoryBus()
    yield EventHub(bus, "node-a", queue_size=2)
    await bus.close()


async def subscribe(
    hub: EventHub, query: str, variables: dict[str, Any] | None = None
) -> tuple[Stream, asyncio.Future[Any]]:
    """A subscription whose first read is under way, so the hub has registered it."""
    stream = await schema.subscribe(
        query, variable_values=variables, context_value=hub_context(hub)
    )
    assert isinstance(stream, AsyncGenerator)
    return stream, await first_read(hub, stream)


async def data(pending: Any) -> dict[str, Any]:
    """The data of one result (a stream's next, or its first read under way)."""
    if isinstance(pending, AsyncGenerator):
        pending = anext(pending)
    result = await asyncio.wait_for(pending, WAIT)
    assert not result.errors, result.errors
    return cast(dict[str, Any], result.data)


def station_event(station_id: str, number: int) -> Event:
    """A connector status change, as provisioning emits it (G01)."""
    return StatusChanged(
        station_id=station_id, occurred_at=NOON, evse_id=1, connector_id=number, status="Occupied"
    )


def transaction_event(number: int) -> Event:
    """An Updated TransactionEvent stored, as the transactions block emits it (E02)."""
    return TransactionUpdated(
        station_id="CS1",
        occurred_at=NOON,
        transaction_id="TX",
        event_type="Updated",
        seq_no=number,
        trigger_reason="MeterValuePeriodic",
        timestamp=NOON.isoformat(),
    )


def expected_station(station_id: str, number: int) -> dict[str, Any]:
    return {
        "stationEvents": {
            "type": "STATUS_CHANGED",
            "stationId": station_id,
            "occurredAt": NOON.isoformat(),
            "payload": {
                "evseId": 1,
                "connectorId": number,
                "status": "Occupied",
                "previousStatus": None,
                "timestamp": None,
            },
        }
    }


async def test_subscribers_of_the_same_document_each_get_every_event(hub: EventHub) -> None:
    subscriptions = [await subscribe(hub, STATION) for _ in range(3)]

    received: list[list[dict[str, Any]]] = [[] for _ in subscriptions]
    for number in range(4):
        hub.publish_local(station_event("CS1", number))
        for (stream, first), seen in zip(subscriptions, received, strict=True):
            seen.append(await data(first if number == 0 else stream))

    assert received == [[expected_station("CS1", n) for n in range(4)]] * 3
    for stream, _ in subscriptions:
        await stream.aclose()


async def test_the_generic_feed_shows_a_typed_events_payload_as_its_producer_wrote_it(
    hub: EventHub,
) -> None:
    """B01: a boot reaches `stationEvents` with the payload keys on the events topic."""
    stream, first = await subscribe(hub, STATION, {"id": "CS9"})

    hub.publish_local(acme_boot("CS9", NOON, firmware_version="1.0"))

    assert (await data(first))["stationEvents"]["payload"] == {
        "reason": "PowerUp",
        "registrationStatus": "Accepted",
        "vendorName": "Acme",
        "model": "Fast",
        "firmwareVersion": "1.0",
        "configure": False,
    }
    await stream.aclose()


async def test_different_selections_each_get_their_own_fields(hub: EventHub) -> None:
    narrow, narrow_first = await subscribe(hub, "subscription { stationEvents { type } }")
    wide, wide_first = await subscribe(hub, STATION)

    hub.publish_local(station_event("CS2", 7))

    assert await data(narrow_first) == {"stationEvents": {"type": "STATUS_CHANGED"}}
    assert await data(wide_first) == expected_station("CS2", 7)
    await narrow.aclose()
    await wide.aclose()


async def test_station_filters_apply_to_subscribers_of_one_document(hub: EventHub) -> None:
    one, one_first = await subscribe(hub, STATION, {"id": "CS1"})
    fleet, fleet_first = await subscribe(hub, STATION, {"id": None})

    hub.publish_local(station_event("CS2", 1))
    hub.publish_local(station_event("CS1", 2))

    assert await data(one_first) == expected_station("CS1", 2)
    assert await data(fleet_first) == expected_station("CS2", 1)
    assert await data(fleet) == expected_station("CS1", 2)
    await one.aclose()
    await fleet.aclose()


@pytest.mark.parametrize(
    ("query", "make", "field"),
    [
        (METER, meter_event, "meterValues"),
        (TRANSACTIONS, transaction_event, "transactionEvents"),
    ],
    ids=["meterValues", "transactionEvents"],
)
async def test_missed_stays_per_subscriber_when_one_reads_slowly(
    hub: EventHub, query: str, make: Any, field: str
) -> None:
    fast, fast_first = await subscribe(hub, query)
    slow, slow_first = await subscribe(hub, query)

    fast_missed = []
    for number in range(5):  # the slow one's queue (2) overflows: events 1 and 2 dropped
        hub.publish_local(make(number))
        fast_missed.append((await data(fast_first if number == 0 else fast))[field]["missed"])
    slow_missed = [(await data(pending))[field]["missed"] for pending in (slow_first, slow, slow)]

    assert fast_missed == [0] * 5
    assert slow_missed == [0, 2, 0]
    await fast.aclose()
    await slow.aclose()


async def test_subscriptions_do_not_keep_delivered_events_alive(hub: EventHub) -> None:
    subscriptions = [await subscribe(hub, STATION) for _ in range(2)]

    for number in range(50):
        hub.publish_local(station_event("CS1", number))
        for stream, first in subscriptions:
            assert await data(first if number == 0 else stream) == expected_station("CS1", number)
    gc.collect()

    # each subscription's resolver may hold the last event it handed out, nothing older
    alive = [obj for obj in gc.get_objects() if isinstance(obj, StationEvent)]
    assert len(alive) <= len(subscriptions)
    for stream, _ in subscriptions:
        await stream.aclose()
