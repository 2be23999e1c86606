"""DataTransfer from a station (P02) on the memory store: the registry routes by vendorId and
messageId (P02.FR.06/07), the vendor's answer is sent and stored with the transfer, a faulty
vendor gets the station a Rejected answer, and DATA_TRANSFER is emitted."""

from __future__ import annotations

from typing import Any

import pytest
from ocpp.v201 import call, call_result, datatypes, enums

from modules.data_transfer import (
    EXAMPLE_VENDOR_ID,
    DataTransferred,
    Direction,
    DuplicateVendor,
    ExampleVendor,
    IncomingTransfer,
    MessageHandler,
    TransferView,
    VendorAnswer,
    VendorRegistry,
)
from modules.data_transfer.handlers import DataTransferHandlers
from modules.data_transfer.memory_store import MemoryDataTransferStore
from modules.kernel import codec
from modules.kernel.events import from_bytes
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW, STATION

Status = enums.DataTransferStatusEnumType


def _ctx() -> HandlerContext:
    return HandlerContext(station_id=STATION, message_id="m1", now=NOW)


async def _transfer(
    vendors: VendorRegistry, payload: dict[str, Any]
) -> tuple[call_result.DataTransfer, MemoryDataTransferStore, HandlerContext]:
    store = MemoryDataTransferStore()
    ctx = _ctx()
    request = codec.decode(call.DataTransfer, payload)
    answer = await DataTransferHandlers(store, vendors).data_transfer(ctx, request)
    return answer, store, ctx


class Scripted:
    """A vendor whose one messageId answers what the test says (or raises it)."""

    def __init__(self, vendor_id: str, answer: VendorAnswer | Exception) -> None:
        self.vendor_id = vendor_id
        self.answer = answer
        self.seen: list[IncomingTransfer] = []

    def message_handler(self, message_id: str | None) -> MessageHandler | None:
        async def handle(transfer: IncomingTransfer) -> VendorAnswer:
            self.seen.append(transfer)
            if isinstance(self.answer, Exception):
                raise self.answer
            return self.answer

        return handle if message_id == "Go" else None


async def test_no_registered_vendor_means_unknown_vendor_id_tc_p_02() -> None:
    answer, store, ctx = await _transfer(VendorRegistry(), {"vendorId": "com.acme", "data": [1]})

    assert answer == call_result.DataTransfer(status=Status.unknown_vendor_id)
    assert store.stored == [
        TransferView(
            id=1,
            station_id=STATION,
            direction=Direction.FROM_STATION,
            vendor_id="com.acme",
            message_id=None,
            data=[1],
            outcome="RESULT",
            status="UnknownVendorId",
            reason_code=None,
            additional_info=None,
            response_data=None,
            error_code=None,
            recorded_at=NOW,
        )
    ]
    (event,) = ctx.events
    assert event == DataTransferred(
        station_id=STATION,
        occurred_at=NOW,
        transfer_id=1,
        direction="FROM_STATION",
        vendor_id="com.acme",
        message_id=None,
        status="UnknownVendorId",
    )
    assert from_bytes(event.to_bytes()) == event


async def test_a_known_vendor_with_an_unknown_message_is_unknown_message_id() -> None:
    vendor = Scripted("com.acme", VendorAnswer(Status.accepted))
    answer, store, _ = await _transfer(
        VendorRegistry([vendor]), {"vendorId": "com.acme", "messageId": "Stop"}
    )

    assert answer.status is Status.unknown_message_id
    assert vendor.seen == []
    assert store.stored[0].status == "UnknownMessageId"


async def test_the_vendor_answers_a_known_message_and_sees_the_transfer() -> None:
    vendor = Scripted(
        "com.acme", VendorAnswer(Status.rejected, {"retry": 60}, "Busy", "charging now")
    )
    answer, store, _ = await _transfer(
        VendorRegistry([vendor]), {"vendorId": "com.acme", "messageId": "Go", "data": "x"}
    )

    assert answer == call_result.DataTransfer(
        status=Status.rejected,
        status_info=datatypes.StatusInfoType(reason_code="Busy", additional_info="charging now"),
        data={"retry": 60},
    )
    assert vendor.seen == [
        IncomingTransfer(
            station_id=STATION, vendor_id="com.acme", message_id="Go", data="x", received_at=NOW
        )
    ]
    (stored,) = store.stored
    assert (stored.status, stored.reason_code, stored.additional_info) == (
        "Rejected",
        "Busy",
        "charging now",
    )
    assert (stored.data, stored.response_data) == ("x", {"retry": 60})


@pytest.mark.parametrize(
    "answer",
    [RuntimeError("vendor bug"), VendorAnswer(Status.accepted, reason_code="r" * 21)],
    ids=["raises", "answer the schema refuses"],
)
async def test_a_vendor_fault_is_answered_rejected_internal_error(
    answer: VendorAnswer | Exception,
) -> None:
    registry = VendorRegistry([Scripted("com.acme", answer)])
    got, store, _ = await _transfer(registry, {"vendorId": "com.acme", "messageId": "Go"})

    assert got.status is Status.rejected
    assert got.status_info == datatypes.StatusInfoType(reason_code="InternalError")
    assert store.stored[0].reason_code == "InternalError"


async def test_the_example_vendor_echoes_and_rejects_without_data() -> None:
    registry = VendorRegistry([ExampleVendor()])
    echo, _, _ = await _transfer(
        registry, {"vendorId": EXAMPLE_VENDOR_ID, "messageId": "Echo", "data": {"a": [1]}}
    )
    empty, _, _ = await _transfer(registry, {"vendorId": EXAMPLE_VENDOR_ID, "messageId": "Echo"})

    assert (echo.status, echo.data) == (Status.accepted, {"a": [1]})
    assert (empty.status, empty.status_info) == (
        Status.rejected,
        datatypes.StatusInfoType(reason_code="MissingData"),
    )


def test_a_vendor_id_registered_twice_is_refused() -> None:
    with pytest.raises(DuplicateVendor):
        VendorRegistry([ExampleVendor(), ExampleVendor()])
    assert VendorRegistry([ExampleVendor()]).vendor_ids == {EXAMPLE_VENDOR_ID}
