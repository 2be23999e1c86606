"""NotifyCustomerInformation (N09/N10) on the memory store: parts assembled in seqNo order
whatever order they arrive in, a repeated part stored once, completion announced once."""

from __future__ import annotations

from typing import Any

import pytest
from ocpp.v201 import call, call_result

from modules.customer_information import (
    CustomerInformationCompleted,
    CustomerReference,
    RequestedInformation,
)
from modules.customer_information.handlers import CustomerInformationHandlers
from modules.customer_information.memory_store import MemoryCustomerInformationStore
from modules.kernel import codec
from modules.kernel.errors import PropertyConstraintViolation
from modules.kernel.events import from_bytes
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW, STATION

WANTED = RequestedInformation(
    report=True,
    clear=False,
    customer=CustomerReference(id_token="TOKEN-1", id_token_type="ISO14443"),
)


def notify(request_id: int, seq_no: int, tbc: bool, data: str, **more: Any) -> dict[str, Any]:
    """A NotifyCustomerInformation payload."""
    return {
        "requestId": request_id,
        "seqNo": seq_no,
        "tbc": tbc,
        "data": data,
        "generatedAt": "2026-11-24T10:00:00Z",
        **more,
    }


async def _send(handlers: CustomerInformationHandlers, payload: dict[str, Any]) -> HandlerContext:
    ctx = HandlerContext(station_id=STATION, message_id="m", now=NOW)
    request = codec.decode(call.NotifyCustomerInformation, payload)
    answer = await handlers.notify_customer_information(ctx, request)
    assert answer == call_result.NotifyCustomerInformation()
    return ctx


async def test_shuffled_and_repeated_parts_assemble_in_order_and_complete_once() -> None:
    store = MemoryCustomerInformationStore([STATION])
    request_id = await store.open_request(STATION, WANTED, NOW)
    assert request_id == 1
    handlers = CustomerInformationHandlers(store)

    emitted = []
    for seq_no, tbc, data in [(2, False, "C"), (0, True, "A"), (2, False, "X"), (1, True, "B")]:
        emitted.extend((await _send(handlers, notify(1, seq_no, tbc, data))).events)
    repeated = await _send(handlers, notify(1, 1, True, "Y"))

    record = await store.request(STATION, 1)
    assert record is not None
    assert [part.seq_no for part in record.parts] == [0, 1, 2]
    assert record.data == "ABC"
    assert (record.final_seq_no, record.completed_at) == (2, NOW)
    assert emitted == [
        CustomerInformationCompleted(
            station_id=STATION, occurred_at=NOW, request_id=1, parts=3, length=3
        )
    ]
    assert repeated.events == []
    assert from_bytes(emitted[0].to_bytes()) == emitted[0]


async def test_one_part_saying_no_data_completes_its_request() -> None:
    """N09.FR.06 / N10.FR.06: one NotifyCustomerInformation saying no data was found, or
    that the data was cleared."""
    store = MemoryCustomerInformationStore([STATION])
    await store.open_request(STATION, WANTED, NOW)
    ctx = await _send(CustomerInformationHandlers(store), notify(1, 0, False, "No data found"))

    (event,) = ctx.events
    assert isinstance(event, CustomerInformationCompleted)
    assert (event.parts, event.length) == (1, len("No data found"))


async def test_parts_of_a_request_the_csms_did_not_make_are_kept_from_the_lowest_seq_no() -> None:
    store = MemoryCustomerInformationStore([STATION])
    handlers = CustomerInformationHandlers(store)

    first = await _send(handlers, notify(77, 5, True, "a"))
    last = await _send(handlers, notify(77, 6, False, "b"))

    record = await store.request(STATION, 77)
    assert record is not None and record.wanted is None
    assert (first.events, len(last.events), record.data) == ([], 1, "ab")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (notify(2**31, 0, False, "x"), "requestId"),
        (notify(1, 2**63, False, "x"), "seqNo"),
    ],
)
async def test_values_no_column_takes_are_refused_and_nothing_is_stored(
    payload: dict[str, Any], field: str
) -> None:
    store = MemoryCustomerInformationStore([STATION])
    with pytest.raises(PropertyConstraintViolation, match=field):
        await _send(CustomerInformationHandlers(store), payload)
    assert store.records == {}
