"""Remote-control result handlers (each runs in one transaction; events go out after it)."""

from __future__ import annotations

from typing import Any

from ocpp.v201 import call, call_result, datatypes

from modules.kernel.routing import HandlerContext
from modules.remote_control import events, remote_starts


def _value(item: Any) -> Any:
    return getattr(item, "value", item)


def _status_info(info: datatypes.StatusInfoType | None) -> dict[str, str | None]:
    return {
        "reasonCode": info.reason_code if info else None,
        "additionalInfo": info.additional_info if info else None,
    }


async def request_start_transaction_result(
    ctx: HandlerContext,
    request: call.RequestStartTransaction,
    response: call_result.RequestStartTransaction,
) -> None:
    """F01/F02: store the station's answer on the remote start, emit REMOTE_START_ANSWERED.

    A transactionId in the answer names a transaction the station had already started
    (cable plugged in first, F01); the transaction itself is written by the transactions
    module from the station's TransactionEvents.
    """
    wanted = remote_starts.RemoteStartRequest(
        id_token=request.id_token.id_token,
        id_token_type=_value(request.id_token.type),
        evse_id=request.evse_id,
    )
    status = _value(response.status)
    await remote_starts.record_answer(
        ctx.station_id,
        request.remote_start_id,
        wanted,
        status,
        response.transaction_id,
        ctx.now,
    )
    ctx.emit(
        events.REMOTE_START_ANSWERED,
        {
            "remoteStartId": request.remote_start_id,
            "evseId": request.evse_id,
            "idToken": wanted.id_token,
            "idTokenType": wanted.id_token_type,
            "status": status,
            "transactionId": response.transaction_id,
            **_status_info(response.status_info),
        },
    )


async def request_stop_transaction_result(
    ctx: HandlerContext,
    request: call.RequestStopTransaction,
    response: call_result.RequestStopTransaction,
) -> None:
    """F03: emit REMOTE_STOP_ANSWERED; the transaction ends when the station reports it."""
    ctx.emit(
        events.REMOTE_STOP_ANSWERED,
        {
            "transactionId": request.transaction_id,
            "status": _value(response.status),
            **_status_info(response.status_info),
        },
    )


async def unlock_connector_result(
    ctx: HandlerContext, request: call.UnlockConnector, response: call_result.UnlockConnector
) -> None:
    """F05: emit CONNECTOR_UNLOCK_ANSWERED with what was asked and the station's status."""
    ctx.emit(
        events.CONNECTOR_UNLOCK_ANSWERED,
        {
            "evseId": request.evse_id,
            "connectorId": request.connector_id,
            "status": _value(response.status),
            **_status_info(response.status_info),
        },
    )


async def trigger_message_result(
    ctx: HandlerContext, request: call.TriggerMessage, response: call_result.TriggerMessage
) -> None:
    """F06: emit TRIGGER_ANSWERED; the requested message itself follows as a station CALL."""
    evse = request.evse
    ctx.emit(
        events.TRIGGER_ANSWERED,
        {
            "requestedMessage": _value(request.requested_message),
            "evseId": evse.id if evse else None,
            "connectorId": evse.connector_id if evse else None,
            "status": _value(response.status),
            **_status_info(response.status_info),
        },
    )
