"""NotifyDisplayMessages on the memory store (O03/O04): parts stored as the catalogue,
repeats harmless, completion once, and ids reported twice in one part."""

from __future__ import annotations

from typing import Any

from modules.display_messages import DisplayMessagesReported, Presence, payloads
from modules.display_messages.handlers import DisplayMessageHandlers
from modules.display_messages.memory_store import MemoryDisplayMessageStore
from modules.kernel import codec
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW, STATION
from tests.support.display_messages import message_info


async def _notify(
    store: MemoryDisplayMessageStore, request_id: int, tbc: bool, infos: list[dict[str, Any]]
) -> HandlerContext:
    ctx = HandlerContext(station_id=STATION, message_id="m", now=NOW)
    payload = {"requestId": request_id, "tbc": tbc, "messageInfo": infos}
    request = codec.decode(payloads.NotifyDisplayMessages, payload)
    await DisplayMessageHandlers(store).notify_display_messages(ctx, request)
    return ctx


async def test_parts_fill_the_catalogue_and_the_last_completes_once() -> None:
    store = MemoryDisplayMessageStore()
    store.add_station(STATION)
    first = await _notify(store, 3, True, [message_info(1, "a"), message_info(1, "a twice")])
    assert first.events == []
    last = await _notify(store, 3, False, [message_info(2, "b")])
    (event,) = last.events
    assert isinstance(event, DisplayMessagesReported)
    assert (event.request_id, event.parts, event.messages) == (3, 2, 2)
    repeat = await _notify(store, 3, False, [message_info(2, "b")])
    assert repeat.events == []
    reported = await store.reported_messages(STATION)
    assert [(row.message_id, row.content) for row in reported] == [(1, "a twice"), (2, "b")]
    record = await store.message(STATION, 1)
    assert record is not None
    assert (record.presence, record.confirmed_at, record.status) == (Presence.SET, NOW, None)
