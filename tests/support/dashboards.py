"""A dashboard that stops reading: its meterValues socket, the flood that overflows its queue,
and what it is told once it reads again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import orjson

from tests.support.graphql import Subscription
from tests.support.nodes import ADMIN_TOKEN, RunningNode
from tests.support.sockets import small_receive_buffer
from tests.support.station import ScriptedStation
from tests.support.transactions import ocpp_time, sampled_value, send_meter_values

SAMPLES = 1000
"""Sampled values per MeterValues request: about 100 kB per event to the dashboards."""
MAX_MESSAGES = 500
"""Only a guard against looping forever."""


@asynccontextmanager
async def idle_dashboard(
    node: RunningNode, query: str, subscription_id: str
) -> AsyncIterator[aiohttp.ClientWebSocketResponse]:
    """A subscription to `query`, on a socket with a tiny receive window, whose client stops
    reading after the acknowledgement; closed on leaving."""
    connector = aiohttp.TCPConnector(socket_factory=small_receive_buffer)
    async with aiohttp.ClientSession(connector=connector) as session:
        ws = await session.ws_connect(
            f"{node.http_url}/graphql", protocols=("graphql-transport-ws",)
        )
        await ws.send_json(
            {"type": "connection_init", "payload": {"Authorization": f"Bearer {ADMIN_TOKEN}"}}
        )
        assert (await ws.receive_json())["type"] == "connection_ack"
        subscribe = {"id": subscription_id, "type": "subscribe", "payload": {"query": query}}
        await ws.send_json(subscribe)
        yield ws
        await ws.close()


async def flood_until_dropped(
    node: RunningNode, station: ScriptedStation, live: Subscription, missed_field: str
) -> int:
    """Send large MeterValues until the event hub drops events for a dashboard that does not
    read; the station is answered and `live` gets each at once, nothing `missed_field`.
    Returns how many were sent (their first values count up from 0)."""
    hub = node.node.events
    assert hub is not None
    samples: list[dict[str, Any]] = [
        sampled_value(float(i), measurand="Voltage", phase="L1-N") for i in range(SAMPLES)
    ]
    messages = 0
    while hub.dropped_total == 0:
        assert messages < MAX_MESSAGES, "the idle dashboard never fell behind"
        samples[0] = sampled_value(float(messages), measurand="Voltage")
        answer = await send_meter_values(
            station, 1, [{"timestamp": ocpp_time(), "sampledValue": samples}]
        )
        assert answer[0] == 3, answer
        got = (await live.next())["meterValues"]
        assert (got["samples"][0]["value"], got[missed_field]) == (messages, 0)
        messages += 1
    return messages


async def assert_told_what_it_missed(
    idle: aiohttp.ClientWebSocketResponse, subscription_id: str, messages: int, missed_field: str
) -> None:
    """Read the idle dashboard at last (what its socket buffered, then the newest events, the
    first of which says how many were dropped before it) up to the last of `messages`: some
    were missed, the rest came in order, and together they are all."""
    received: list[float] = []
    missed = 0
    while not received or received[-1] != messages - 1:
        message = orjson.loads((await idle.receive(timeout=10)).data)
        if message["type"] == "ping":
            continue
        assert (message["type"], message["id"]) == ("next", subscription_id), message
        event = message["payload"]["data"]["meterValues"]
        received.append(event["samples"][0]["value"])
        missed += event[missed_field]
    assert missed > 0
    assert len(received) + missed == messages
    assert received == sorted(received)
