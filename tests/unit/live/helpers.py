"""Builders and waits the live-subscription unit tests share: the events the blocks emit, a
context holding only the event hub, and bounded waits for state the hub changes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, TypeVar, cast

from app.event_hub import EventHub
from graphql_schema.context import ApiServices, Context
from graphql_schema.limits import ApiLimits, DocumentCache
from modules.availability import AvailabilityChanged
from modules.kernel.events import Event
from modules.operators import Caller, Role
from modules.provisioning import Booted
from modules.transactions import MeterValuesStored, SampledValue
from tests.unit.polling import eventually

WAIT = 5.0
"""Only a guard against hanging: every wait ends as soon as its condition holds."""

T = TypeVar("T")

NOON = datetime(2026, 1, 1, 12, tzinfo=UTC)
"""When the events of the subscription tests happen."""


def hub_context(hub: EventHub) -> Context:
    """A context whose services hold only the event hub (all the subscriptions use)."""
    services = cast(
        ApiServices,
        SimpleNamespace(events=hub, limits=ApiLimits(), documents=DocumentCache(1024 * 1024)),
    )
    viewer = Caller(None, "viewer", Role.VIEWER)
    return Context(request=cast(Any, None), response=None, services=services, caller=viewer)


def meter_event(value: float, at: datetime = NOON) -> Event:
    """One stored voltage sample, as the transactions block emits it (J01)."""
    sample = SampledValue(timestamp=at.isoformat(), measurand="Voltage", value=value)
    return MeterValuesStored(
        station_id="CS1",
        occurred_at=at,
        transaction_id="TX",
        evse_id=1,
        source="MeterValues",
        samples=(sample,),
    )


def acme_boot(station_id: str, at: datetime, firmware_version: str | None = None) -> Booted:
    """An accepted power-up boot of an Acme "Fast", as provisioning emits it (B01)."""
    return Booted(
        station_id=station_id,
        occurred_at=at,
        reason="PowerUp",
        registration_status="Accepted",
        vendor_name="Acme",
        model="Fast",
        firmware_version=firmware_version,
    )


def inoperative(
    station_id: str, at: datetime, scope: str, connector_id: int | None, status: str
) -> AvailabilityChanged:
    """A ChangeAvailability to Inoperative on EVSE 1, as availability emits it (G03)."""
    return AvailabilityChanged(
        station_id=station_id,
        occurred_at=at,
        operational_status="Inoperative",
        scope=scope,
        evse_id=1,
        connector_id=connector_id,
        status=status,
    )


async def first_read(hub: EventHub, stream: AsyncIterator[T]) -> asyncio.Future[T]:
    """Start the stream's first read and return it once the hub has registered the reader."""
    before = hub.subscriber_count
    first = asyncio.ensure_future(anext(stream))
    await eventually(lambda: hub.subscriber_count != before, "the subscription", WAIT)
    return first
