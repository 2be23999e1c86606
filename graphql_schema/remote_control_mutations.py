"""Remote-control command mutations (block F) over the call sender.

When the station answered, the remote-control module's result handler has already stored
the answer (remote starts) and emitted its event by the time `send` returns.
"""

from __future__ import annotations

from typing import Any

import strawberry
from ocpp.v201 import call_result, datatypes
from strawberry.scalars import JSON
from strawberry.types import Info

from app.clock import utc_now
from graphql_schema.authorization.types import GroupIdTokenInput, IdTokenKindEnum
from graphql_schema.common.commands import CallOutcomeEnum, StatusInfoType
from graphql_schema.context import Context
from graphql_schema.remote_control_inputs import (
    check_timeout,
    request_start_payload,
    request_stop_payload,
    trigger_message_payload,
    unlock_connector_payload,
)
from graphql_schema.remote_control_types import (
    MessageTriggerEnum,
    RemoteStartType,
    RequestStartStopStatusEnum,
    RequestStartTransactionResult,
    RequestStopTransactionResult,
    TriggerMessageResult,
    TriggerMessageStatusEnum,
    UnlockConnectorResult,
    UnlockStatusEnum,
)
from infra.db.models import RemoteStart
from modules.kernel import codec
from modules.kernel.commands import CallOutcome
from modules.kernel.envelope import Outcome
from modules.remote_control import remote_starts


def _status_info(info: datatypes.StatusInfoType | None) -> StatusInfoType | None:
    if info is None:
        return None
    return StatusInfoType(reason_code=info.reason_code, additional_info=info.additional_info)


def _answer(outcome: CallOutcome, answer_type: type) -> Any:
    """The decoded CALLRESULT, or None when the station did not answer with one."""
    if outcome.outcome is not Outcome.RESULT:
        return None
    return codec.decode(answer_type, outcome.response or {})


def _status(answer: Any) -> str | None:
    return None if answer is None else getattr(answer.status, "value", answer.status)


async def _send(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    action: str,
    payload: dict[str, Any],
    timeout_seconds: float | None,
) -> CallOutcome:
    return await info.context.services.sender.send(
        str(station_id), action, payload, timeout_seconds
    )


async def request_start_transaction(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    id_token: str,
    id_token_type: IdTokenKindEnum,
    evse_id: int | None = None,
    group_id_token: GroupIdTokenInput | None = None,
    charging_profile: JSON | None = None,
    timeout_seconds: float | None = None,
) -> RequestStartTransactionResult:
    """F01/F02: allocate a remoteStartId, record the remote start, send the request."""
    check_timeout(timeout_seconds)
    group = (group_id_token.id_token, group_id_token.type.value) if group_id_token else None
    payload = request_start_payload(id_token, id_token_type.value, evse_id, group, charging_profile)
    wanted = remote_starts.RemoteStartRequest(id_token, id_token_type.value, evse_id)
    remote_start_id = await remote_starts.open_remote_start(str(station_id), wanted, utc_now())
    if remote_start_id is None:
        return RequestStartTransactionResult(
            outcome=CallOutcomeEnum.OFFLINE,
            remote_start_id=None,
            status=None,
            transaction_id=None,
            status_info=None,
            error_code=None,
            error_description=None,
            remote_start=None,
        )
    outcome = await _send(
        info,
        station_id,
        "RequestStartTransaction",
        {**payload, "remoteStartId": remote_start_id},
        timeout_seconds,
    )
    answer = _answer(outcome, call_result.RequestStartTransaction)
    status = _status(answer)
    row = await RemoteStart.get(station_id=str(station_id), remote_start_id=remote_start_id)
    linked = await remote_starts.started_transactions(str(station_id), [row])
    return RequestStartTransactionResult(
        outcome=CallOutcomeEnum(outcome.outcome.value),
        remote_start_id=remote_start_id,
        status=RequestStartStopStatusEnum(status) if status else None,
        transaction_id=answer.transaction_id if answer else None,
        status_info=_status_info(answer.status_info) if answer else None,
        error_code=outcome.error_code,
        error_description=outcome.error_description,
        remote_start=RemoteStartType.from_model(row, linked.get(remote_start_id)),
    )


async def request_stop_transaction(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    transaction_id: str,
    timeout_seconds: float | None = None,
) -> RequestStopTransactionResult:
    """F03: ask the station to stop a transaction."""
    check_timeout(timeout_seconds)
    payload = request_stop_payload(transaction_id)
    outcome = await _send(info, station_id, "RequestStopTransaction", payload, timeout_seconds)
    answer = _answer(outcome, call_result.RequestStopTransaction)
    status = _status(answer)
    return RequestStopTransactionResult(
        outcome=CallOutcomeEnum(outcome.outcome.value),
        status=RequestStartStopStatusEnum(status) if status else None,
        status_info=_status_info(answer.status_info) if answer else None,
        error_code=outcome.error_code,
        error_description=outcome.error_description,
    )


async def unlock_connector(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    evse_id: int,
    connector_id: int,
    timeout_seconds: float | None = None,
) -> UnlockConnectorResult:
    """F05: ask the station to unlock a connector."""
    check_timeout(timeout_seconds)
    payload = unlock_connector_payload(evse_id, connector_id)
    outcome = await _send(info, station_id, "UnlockConnector", payload, timeout_seconds)
    answer = _answer(outcome, call_result.UnlockConnector)
    status = _status(answer)
    return UnlockConnectorResult(
        outcome=CallOutcomeEnum(outcome.outcome.value),
        status=UnlockStatusEnum(status) if status else None,
        status_info=_status_info(answer.status_info) if answer else None,
        error_code=outcome.error_code,
        error_description=outcome.error_description,
    )


async def trigger_message(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    requested_message: MessageTriggerEnum,
    evse_id: int | None = None,
    connector_id: int | None = None,
    timeout_seconds: float | None = None,
) -> TriggerMessageResult:
    """F06: ask the station to send one of its own messages now."""
    check_timeout(timeout_seconds)
    payload = trigger_message_payload(requested_message, evse_id, connector_id)
    outcome = await _send(info, station_id, "TriggerMessage", payload, timeout_seconds)
    answer = _answer(outcome, call_result.TriggerMessage)
    status = _status(answer)
    return TriggerMessageResult(
        outcome=CallOutcomeEnum(outcome.outcome.value),
        status=TriggerMessageStatusEnum(status) if status else None,
        status_info=_status_info(answer.status_info) if answer else None,
        error_code=outcome.error_code,
        error_description=outcome.error_description,
    )


@strawberry.type
class RemoteControlMutation:
    """Remote-control commands (block F)."""

    request_start_transaction: RequestStartTransactionResult = strawberry.mutation(
        resolver=request_start_transaction,
        description=(
            "F01/F02: ask the station to start a transaction for idToken, on evseId or one it "
            "picks. The CSMS allocates the remoteStartId and records the remote start before "
            "sending; the transaction it leads to carries that remoteStartId (read it back "
            "with `remoteStarts`). chargingProfile (optional, JSON ChargingProfileType) is "
            "passed through: its purpose must be TxProfile and it must not carry a "
            "transactionId (F01.FR.09, F01.FR.11)."
        ),
    )
    request_stop_transaction: RequestStopTransactionResult = strawberry.mutation(
        resolver=request_stop_transaction,
        description=(
            "F03: ask the station to stop transactionId. The transaction ends when the station "
            "reports it (TransactionEvent Ended, stoppedReason Remote)."
        ),
    )
    unlock_connector: UnlockConnectorResult = strawberry.mutation(
        resolver=unlock_connector,
        description=(
            "F05: ask the station to unlock a connector (Unlocked, UnlockFailed, "
            "OngoingAuthorizedTransaction, UnknownConnector)."
        ),
    )
    trigger_message: TriggerMessageResult = strawberry.mutation(
        resolver=trigger_message,
        description=(
            "F06: ask the station to send requestedMessage now; evseId (and connectorId) only "
            "for MeterValues, StatusNotification and TransactionEvent. The message itself "
            "follows as a station CALL."
        ),
    )
