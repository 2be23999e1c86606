"""A raw station-call route hands its handler the payload as the station sent it (nothing
decodes it); an ordinary route hands it the decoded request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from ocpp.v201 import call, call_result

from modules.kernel.dispatcher import Dispatcher
from modules.kernel.envelope import Envelope, Kind
from modules.kernel.routing import HandlerContext, Module, StationCallRoute, build_routing_table

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
PAYLOAD = {"evseId": 1, "meterValue": [{"timestamp": "2026-11-24T08:00:00Z", "sampledValue": []}]}


@asynccontextmanager
async def no_database() -> AsyncIterator[None]:
    yield


async def dispatch(raw: bool) -> Any:
    received: list[Any] = []

    async def handler(ctx: HandlerContext, request: Any) -> call_result.MeterValues:
        received.append(request)
        return call_result.MeterValues()

    route = StationCallRoute(call.MeterValues, handler, raw=raw)
    table = build_routing_table([Module("test", station_calls={"MeterValues": route})])
    envelope = Envelope(
        kind=Kind.STATION_CALL,
        station_id="CS1",
        message_id="m1",
        action="MeterValues",
        payload=PAYLOAD,
        connection_id="c1",
        reply_to="node-1",
    )
    reply, _ = await Dispatcher(table, lambda: NOW, no_database).handle_call(envelope)
    assert not reply.error_code
    (request,) = received
    return request


async def test_a_raw_route_gets_the_payload_as_sent() -> None:
    assert await dispatch(raw=True) is PAYLOAD


async def test_an_ordinary_route_gets_the_decoded_request() -> None:
    request = await dispatch(raw=False)
    assert isinstance(request, call.MeterValues) and request.evse_id == 1
