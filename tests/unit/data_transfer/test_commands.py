"""DataTransfer to a station (P01): the request built from arguments (schema-valid, its data
exact), the workflow storing a transfer the station did not answer, and the result handler
storing an answered one."""

from __future__ import annotations

from typing import Any

import pytest
from ocpp.v201 import call, call_result, enums

from modules.data_transfer import DataTransferred, DataTransfers, Direction, data_transfer
from modules.data_transfer.commands import DataTransferResults, payload_of
from modules.data_transfer.memory_store import MemoryDataTransferStore
from modules.kernel import schemas
from modules.kernel.commands import CallOutcome, InvalidCommand
from modules.kernel.envelope import Outcome
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW, STATION
from tests.unit.senders import RecordingSender


class Answering(RecordingSender):
    """Answers every CALL with one outcome."""

    def __init__(self, outcome: CallOutcome) -> None:
        super().__init__()
        self.outcome = outcome

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        """The scripted outcome."""
        return self.outcome


def test_the_request_keeps_its_data_exactly_and_is_schema_valid() -> None:
    data = {"a": None, "b": [None, {"c": None}], "n": 0, "f": False}
    request = data_transfer("com.acme", "Set", data)

    payload = payload_of(request)

    assert payload == {"vendorId": "com.acme", "messageId": "Set", "data": data}
    schemas.validate("DataTransfer", "Request", payload)
    assert payload_of(data_transfer("com.acme")) == {"vendorId": "com.acme"}


@pytest.mark.parametrize(
    ("vendor_id", "message_id", "field"),
    [("", None, "vendorId"), ("v" * 256, None, "vendorId"), ("v", "m" * 51, "messageId")],
)
def test_arguments_that_cannot_be_sent_are_refused(
    vendor_id: str, message_id: str | None, field: str
) -> None:
    with pytest.raises(InvalidCommand) as refused:
        data_transfer(vendor_id, message_id)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("outcome", "stored"),
    [
        (CallOutcome(Outcome.TIMEOUT), [("TIMEOUT", None)]),
        (
            CallOutcome(Outcome.CALL_ERROR, error_code="NotSupported"),
            [("CALL_ERROR", "NotSupported")],
        ),
        (CallOutcome(Outcome.OFFLINE), []),
        (CallOutcome(Outcome.RESULT, {"status": "Accepted"}), []),
    ],
)
async def test_the_workflow_stores_what_the_station_was_sent_but_did_not_answer(
    outcome: CallOutcome, stored: list[tuple[str, str | None]]
) -> None:
    store = MemoryDataTransferStore()
    sender = Answering(outcome)

    result = await DataTransfers(store, sender, lambda: NOW).send(
        STATION, data_transfer("com.acme", data={"x": 1})
    )

    assert result.outcome is outcome.outcome
    assert sender.sent == [(STATION, "DataTransfer", {"vendorId": "com.acme", "data": {"x": 1}})]
    assert [(row.outcome, row.error_code) for row in store.stored] == stored
    assert all(row.direction is Direction.TO_STATION and row.status is None for row in store.stored)


async def test_the_result_handler_stores_the_answer_and_emits_data_transfer() -> None:
    store = MemoryDataTransferStore()
    ctx = HandlerContext(station_id=STATION, message_id="m", now=NOW)
    request = call.DataTransfer(vendor_id="com.acme", message_id="Set", data=[1])
    response = call_result.DataTransfer(
        status=enums.DataTransferStatusEnumType.accepted, data={"ok": True}
    )

    await DataTransferResults(store).data_transfer_result(ctx, request, response)

    (row,) = store.stored
    assert (row.direction, row.outcome, row.status, row.data, row.response_data) == (
        Direction.TO_STATION,
        "RESULT",
        "Accepted",
        [1],
        {"ok": True},
    )
    assert ctx.events == [
        DataTransferred(
            station_id=STATION,
            occurred_at=NOW,
            transfer_id=1,
            direction="TO_STATION",
            vendor_id="com.acme",
            message_id="Set",
            status="Accepted",
        )
    ]
