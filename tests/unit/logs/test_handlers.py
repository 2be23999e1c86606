"""LogStatusNotification (N01) on the memory store: each status on its request's timeline,
one without a requestId (or with an unknown one) on the station's, a requestId past 32 bits
refused."""

from __future__ import annotations

import pytest
from ocpp.v201 import call, call_result, enums

from modules.kernel.errors import PropertyConstraintViolation
from modules.kernel.routing import HandlerContext
from modules.logs import LogStatusReported, LogWanted
from modules.logs.handlers import LogHandlers
from modules.logs.memory_store import MemoryLogStore
from tests.support.clock import NOW, STATION


async def _report(handlers: LogHandlers, status: str, request_id: int | None) -> HandlerContext:
    ctx = HandlerContext(station_id=STATION, message_id="m", now=NOW)
    request = call.LogStatusNotification(
        status=enums.UploadLogStatusEnumType(status), request_id=request_id
    )
    assert await handlers.log_status_notification(ctx, request) == (
        call_result.LogStatusNotification()
    )
    return ctx


async def test_statuses_form_the_request_s_timeline_n01_fr_07_to_09() -> None:
    store = MemoryLogStore([STATION])
    await store.open_request(STATION, LogWanted(log_type="DiagnosticsLog"), "d" * 64, NOW)
    handlers = LogHandlers(store)

    uploading = await _report(handlers, "Uploading", 1)
    await _report(handlers, "Uploaded", 1)

    record = await store.request(STATION, 1)
    assert record is not None
    assert [s.status for s in record.statuses] == ["Uploading", "Uploaded"]
    assert record.last_status == "Uploaded"
    (event,) = uploading.events
    assert isinstance(event, LogStatusReported)
    assert (event.status, event.request_id) == ("Uploading", 1)


async def test_statuses_without_a_known_request_are_kept_n01_fr_13() -> None:
    """An Idle after TriggerMessage has no requestId; a requestId the CSMS never sent is kept
    too."""
    store = MemoryLogStore([STATION])
    handlers = LogHandlers(store)
    idle = await _report(handlers, "Idle", None)
    await _report(handlers, "UploadFailure", 77)

    statuses = await store.statuses(STATION, 10, None)
    assert [(s.status, s.request_id) for s in statuses] == [
        ("UploadFailure", 77),
        ("Idle", None),
    ]
    assert store.records == {}
    (event,) = idle.events
    assert isinstance(event, LogStatusReported) and event.request_id is None


async def test_a_request_id_past_32_bits_is_refused() -> None:
    with pytest.raises(PropertyConstraintViolation):
        await _report(LogHandlers(MemoryLogStore([STATION])), "Uploading", 2**31)
