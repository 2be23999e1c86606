"""DataTransfer to stations (P01): the typed request built from an operator's arguments, the
workflow that sends it and stores a transfer the station did not answer, and the result
handler that stores an answered one (in the answer's transaction; DATA_TRANSFER goes out
after the commit)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ocpp.v201 import call, call_result

from modules.data_transfer.events import DataTransferred
from modules.data_transfer.policy import check_outgoing
from modules.data_transfer.records import Direction, Transfer
from modules.data_transfer.store import DataTransferStore
from modules.kernel import codec
from modules.kernel.commands import CommandResult, typed
from modules.kernel.envelope import Outcome
from modules.kernel.ocpp_parts import answer_fields
from modules.kernel.ports import CommandSender
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore

_utc_now: Callable[[], datetime] = functools.partial(datetime.now, UTC)

UNANSWERED_STORED = frozenset({Outcome.TIMEOUT, Outcome.CALL_ERROR})
"""Outcomes without an answer whose transfer is stored: the station was sent it. OFFLINE is
not: nothing was sent."""


def data_transfer(
    vendor_id: str, message_id: str | None = None, data: Any = None
) -> call.DataTransfer:
    """P01: the DataTransfer request; InvalidCommand when vendorId or messageId cannot be
    sent. `data` is any JSON value (None: none)."""
    check_outgoing(vendor_id, message_id)
    return call.DataTransfer(vendor_id=vendor_id, message_id=message_id, data=data)


def payload_of(request: call.DataTransfer) -> dict[str, Any]:
    """The request's payload with its data exactly as given (the codec would leave out the
    null members of an object inside it)."""
    payload = codec.encode(request)
    if request.data is not None:
        payload["data"] = request.data
    return payload


class DataTransfers:
    """P01: send a DataTransfer and return the station's answer. An answered transfer is
    stored by the result handler; one the station was sent but did not answer (TIMEOUT,
    CALL_ERROR) is stored here, with the outcome."""

    def __init__(
        self,
        store: DataTransferStore,
        sender: CommandSender,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._store = store
        self._sender = sender
        self._clock = clock

    async def send(
        self, station_id: str, request: call.DataTransfer, timeout: float | None = None
    ) -> CommandResult[call_result.DataTransfer]:
        """Send `request` to the station; raises the schema's OcppError for a payload that
        does not conform."""
        outcome = await self._sender.send(station_id, "DataTransfer", payload_of(request), timeout)
        result = typed(outcome, call_result.DataTransfer)
        if result.outcome in UNANSWERED_STORED:
            await self._store.add_transfer(
                Transfer(
                    station_id=station_id,
                    direction=Direction.TO_STATION,
                    vendor_id=request.vendor_id,
                    message_id=request.message_id,
                    data=request.data,
                    outcome=result.outcome.value,
                    status=None,
                    reason_code=None,
                    additional_info=None,
                    response_data=None,
                    error_code=result.error_code,
                    recorded_at=self._clock(),
                )
            )
        return result


class DataTransferResults(OnStore[DataTransferStore]):
    """The DataTransfer result handler, on the block's store."""

    async def data_transfer_result(
        self, ctx: HandlerContext, request: call.DataTransfer, response: call_result.DataTransfer
    ) -> None:
        """P01: store the transfer with the station's answer (status, statusInfo, data),
        whoever sent it (the dataTransfer mutation or sendCall); emit DATA_TRANSFER."""
        answer = answer_fields(response)
        transfer_id = await self._store.add_transfer(
            Transfer(
                station_id=ctx.station_id,
                direction=Direction.TO_STATION,
                vendor_id=request.vendor_id,
                message_id=request.message_id,
                data=request.data,
                outcome=Outcome.RESULT.value,
                **answer,
                response_data=response.data,
                error_code=None,
                recorded_at=ctx.now,
            )
        )
        ctx.emit(
            DataTransferred(
                **ctx.origin,
                transfer_id=transfer_id,
                direction=Direction.TO_STATION.value,
                vendor_id=request.vendor_id,
                message_id=request.message_id,
                status=answer["status"],
            )
        )
