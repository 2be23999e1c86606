"""DataTransfer from stations (P02): routed to the registered vendor handler, stored with the
answer, answered (each in the call's transaction; DATA_TRANSFER goes out after the commit)."""

from __future__ import annotations

import logging

from ocpp.v201 import call, call_result, datatypes

from modules.data_transfer.events import DataTransferred
from modules.data_transfer.records import Direction, Transfer
from modules.data_transfer.store import DataTransferStore
from modules.data_transfer.vendors import (
    IncomingTransfer,
    MessageHandler,
    Status,
    VendorAnswer,
    VendorRegistry,
)
from modules.kernel import codec, schemas
from modules.kernel.routing import HandlerContext

log = logging.getLogger(__name__)

VENDOR_FAULT = VendorAnswer(Status.rejected, reason_code="InternalError")
"""The answer when a vendor handler raised or answered what the response schema refuses."""


def response_of(answer: VendorAnswer) -> call_result.DataTransfer:
    """The DataTransferResponse carrying `answer`."""
    info = None
    if answer.reason_code is not None:
        info = datatypes.StatusInfoType(
            reason_code=answer.reason_code, additional_info=answer.additional_info
        )
    return call_result.DataTransfer(status=answer.status, status_info=info, data=answer.data)


async def _vendor_answer(
    ctx: HandlerContext, handler: MessageHandler, transfer: IncomingTransfer
) -> VendorAnswer:
    """The vendor's answer; VENDOR_FAULT (logged) when its code fails or its answer does not
    fit the response schema: the station still gets a DataTransferResponse, never a
    CALLERROR for a valid DataTransfer."""
    try:
        answer = await handler(transfer)
        schemas.validate("DataTransfer", "Response", codec.encode(response_of(answer)))
    except Exception:
        log.exception(
            "DataTransfer vendor handler failed",
            extra={"station_id": ctx.station_id, "vendor_id": transfer.vendor_id},
        )
        return VENDOR_FAULT
    return answer


class DataTransferHandlers:
    """The data-transfer block's answers to station calls, on its store and vendor registry."""

    def __init__(self, store: DataTransferStore, vendors: VendorRegistry) -> None:
        self._store = store
        self._vendors = vendors

    async def data_transfer(
        self, ctx: HandlerContext, request: call.DataTransfer
    ) -> call_result.DataTransfer:
        """P02: the registered vendor's answer; UnknownVendorId for a vendor without a handler
        (P02.FR.06), UnknownMessageId for a messageId its handler does not know (P02.FR.07).
        The transfer and the answer are stored, then DATA_TRANSFER is emitted."""
        transfer = IncomingTransfer(
            station_id=ctx.station_id,
            vendor_id=request.vendor_id,
            message_id=request.message_id,
            data=request.data,
            received_at=ctx.now,
        )
        handler, vendor_code = self._vendors.route(request.vendor_id, request.message_id)
        if vendor_code:
            answer = await _vendor_answer(ctx, handler, transfer)
        else:
            answer = await handler(transfer)
        transfer_id = await self._store.add_transfer(
            Transfer(
                station_id=ctx.station_id,
                direction=Direction.FROM_STATION,
                vendor_id=request.vendor_id,
                message_id=request.message_id,
                data=request.data,
                outcome="RESULT",
                status=answer.status.value,
                reason_code=answer.reason_code,
                additional_info=answer.additional_info,
                response_data=answer.data,
                error_code=None,
                recorded_at=ctx.now,
            )
        )
        ctx.emit(
            DataTransferred(
                **ctx.origin,
                transfer_id=transfer_id,
                direction=Direction.FROM_STATION.value,
                vendor_id=request.vendor_id,
                message_id=request.message_id,
                status=answer.status.value,
            )
        )
        return response_of(answer)
