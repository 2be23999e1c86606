"""FirmwareStatusNotification and PublishFirmwareStatusNotification on the memory store:
stored on their request's timeline, confirmed with an empty answer, published; a value the
CSMS cannot store is refused with PropertyConstraintViolation and nothing is stored."""

from __future__ import annotations

import pytest
from ocpp.v201 import call, call_result

from modules.firmware import FirmwareStatusReported, PublishFirmwareStatusReported
from modules.firmware.handlers import FirmwareHandlers
from modules.firmware.memory_store import MemoryFirmwareStore
from modules.kernel import codec
from modules.kernel.errors import PropertyConstraintViolation
from modules.kernel.events import from_bytes
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW, STATION


def _ctx() -> HandlerContext:
    return HandlerContext(station_id=STATION, message_id="m1", now=NOW)


async def test_a_status_is_stored_on_its_update_and_published_l01_fr_01() -> None:
    store = MemoryFirmwareStore()
    ctx = _ctx()
    request = codec.decode(
        call.FirmwareStatusNotification, {"status": "Downloaded", "requestId": 3}
    )

    answer = await FirmwareHandlers(store).firmware_status_notification(ctx, request)

    assert answer == call_result.FirmwareStatusNotification()
    assert [(s.request_id, s.status, s.received_at) for s in store.statuses] == [
        (3, "Downloaded", NOW)
    ]
    (event,) = ctx.events
    assert event == FirmwareStatusReported(
        station_id=STATION, occurred_at=NOW, status="Downloaded", request_id=3
    )
    assert event.payload == {"status": "Downloaded", "requestId": 3}
    assert from_bytes(event.to_bytes()) == event


async def test_idle_comes_without_a_request_l01_fr_20() -> None:
    store = MemoryFirmwareStore()
    request = codec.decode(call.FirmwareStatusNotification, {"status": "Idle"})

    await FirmwareHandlers(store).firmware_status_notification(_ctx(), request)

    assert [(s.request_id, s.status) for s in store.statuses] == [(None, "Idle")]


async def test_a_request_id_the_csms_cannot_store_is_refused() -> None:
    store = MemoryFirmwareStore()
    request = codec.decode(
        call.FirmwareStatusNotification, {"status": "Downloading", "requestId": 2**63}
    )

    with pytest.raises(PropertyConstraintViolation) as refused:
        await FirmwareHandlers(store).firmware_status_notification(_ctx(), request)

    assert refused.value.details == {"field": "requestId"}
    assert store.statuses == []


async def test_a_publish_status_keeps_the_uris_l03_fr_04() -> None:
    store = MemoryFirmwareStore()
    ctx = _ctx()
    sent = {"status": "Published", "requestId": 1, "location": ["http://lc/f", "ftp://lc/f"]}
    request = codec.decode(call.PublishFirmwareStatusNotification, sent)

    answer = await FirmwareHandlers(store).publish_firmware_status_notification(ctx, request)

    assert answer == call_result.PublishFirmwareStatusNotification()
    (stored,) = store.publish_statuses
    assert (stored.status, stored.locations) == ("Published", ("http://lc/f", "ftp://lc/f"))
    (event,) = ctx.events
    assert isinstance(event, PublishFirmwareStatusReported)
    assert event.payload == {
        "status": "Published",
        "requestId": 1,
        "locations": ["http://lc/f", "ftp://lc/f"],
    }
    assert from_bytes(event.to_bytes()) == event


async def test_a_uri_with_a_nul_character_is_refused() -> None:
    store = MemoryFirmwareStore()
    sent = {"status": "Published", "requestId": 1, "location": ["http://lc/\u0000"]}
    request = codec.decode(call.PublishFirmwareStatusNotification, sent)

    with pytest.raises(PropertyConstraintViolation):
        await FirmwareHandlers(store).publish_firmware_status_notification(_ctx(), request)

    assert store.publish_statuses == []
