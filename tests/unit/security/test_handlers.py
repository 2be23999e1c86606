"""SecurityEventNotification (A04) on the memory store: stored, confirmed with an empty
answer (A04.FR.03), published as SECURITY_EVENT with the station's own text."""

from __future__ import annotations

from datetime import UTC, datetime

from ocpp.v201 import call, call_result

from modules.kernel import codec
from modules.kernel.events import from_bytes
from modules.kernel.routing import HandlerContext
from modules.security import SecurityEventReported, SecurityEventView
from modules.security.handlers import SecurityHandlers
from modules.security.memory_store import MemorySecurityStore

NOW = datetime(2026, 11, 24, 10, 0, 5, tzinfo=UTC)


def request(payload: dict[str, str]) -> call.SecurityEventNotification:
    """The typed request, decoded as the dispatcher decodes it."""
    return codec.decode(call.SecurityEventNotification, payload)


async def test_the_event_is_stored_confirmed_and_published() -> None:
    store = MemorySecurityStore()
    ctx = HandlerContext(station_id="CS1", message_id="m1", now=NOW)
    sent = {"type": "InvalidCsmsCertificate", "timestamp": "2026-11-24T10:00:00Z", "techInfo": "x"}

    answer = await SecurityHandlers(store).security_event_notification(ctx, request(sent))

    assert answer == call_result.SecurityEventNotification()
    assert store.events == [
        SecurityEventView(
            id=1,
            station_id="CS1",
            type="InvalidCsmsCertificate",
            timestamp=datetime(2026, 11, 24, 10, 0, tzinfo=UTC),
            tech_info="x",
            received_at=NOW,
        )
    ]
    (event,) = ctx.events
    assert event == SecurityEventReported(
        station_id="CS1",
        occurred_at=NOW,
        type_="InvalidCsmsCertificate",
        timestamp="2026-11-24T10:00:00Z",
        tech_info="x",
    )
    assert event.type == "SECURITY_EVENT"
    assert event.payload == sent
    assert from_bytes(event.to_bytes()) == event


async def test_an_event_without_tech_info_publishes_it_as_null() -> None:
    store = MemorySecurityStore()
    ctx = HandlerContext(station_id="CS1", message_id="m1", now=NOW)
    sent = {"type": "FirmwareUpdated", "timestamp": "2026-11-24T10:00:00.250+01:00"}

    await SecurityHandlers(store).security_event_notification(ctx, request(sent))

    (stored,) = store.events
    assert stored.tech_info is None
    assert stored.timestamp == datetime(2026, 11, 24, 9, 0, 0, 250000, tzinfo=UTC)
    (event,) = ctx.events
    assert event.payload == {**sent, "techInfo": None}


async def test_a_resend_is_confirmed_again_but_neither_stored_nor_published() -> None:
    """A04.FR.03: the station resends until it is confirmed; the same type, timestamp and
    techInfo again (new message id) gets the same empty answer, adds no row, emits nothing."""
    store = MemorySecurityStore()
    handlers = SecurityHandlers(store)
    sent = {"type": "Tamper", "timestamp": "2026-11-24T10:00:00Z", "techInfo": "lid open"}
    first = HandlerContext(station_id="CS1", message_id="m1", now=NOW)
    again = HandlerContext(station_id="CS1", message_id="m2", now=NOW)

    answers = [
        await handlers.security_event_notification(first, request(sent)),
        await handlers.security_event_notification(again, request(sent)),
    ]

    assert answers == [call_result.SecurityEventNotification()] * 2
    assert [row.id for row in store.events] == [1]
    assert (len(first.events), len(again.events)) == (1, 0)
