"""Remote-control command mutations (block F): arguments to the block's commands, their
results to GraphQL types. When the station answered, the block's result handler has already
stored the answer (remote starts) and emitted its event by the time a mutation returns."""

from __future__ import annotations

import strawberry
from ocpp.v201 import call_result, enums
from strawberry.scalars import JSON

from graphql_schema.authorization.types import GroupIdTokenInput, IdTokenKindEnum
from graphql_schema.common import commands
from graphql_schema.common.commands import StationCall
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.fields import mutation
from graphql_schema.remote_control.types import (
    RemoteStartType,
    RequestStartTransactionResult,
    RequestStopTransactionResult,
    TriggerMessageResult,
    UnlockConnectorResult,
)
from modules import remote_control
from modules.kernel.commands import CommandResult, InvalidCommand, UnknownCommand
from modules.kernel.envelope import Outcome
from modules.kernel.errors import OcppError


@strawberry.type
class RemoteControlMutation:
    """Remote-control commands (block F)."""

    @mutation(
        "F01/F02: ask the station to start a transaction for idToken, on evseId or one it "
        "picks. The CSMS allocates the remoteStartId and records the remote start before "
        "sending; the transaction it leads to carries that remoteStartId (read it back "
        "with `remoteStarts`). chargingProfile (optional, JSON ChargingProfileType) is "
        "passed through: its purpose must be TxProfile and it must not carry a "
        "transactionId (F01.FR.09, F01.FR.11)."
    )
    async def request_start_transaction(
        self,
        call: StationCall,
        id_token: str,
        id_token_type: IdTokenKindEnum,
        evse_id: int | None = None,
        group_id_token: GroupIdTokenInput | None = None,
        charging_profile: JSON | None = None,
    ) -> RequestStartTransactionResult:
        """F01/F02: allocate a remoteStartId, record the remote start, send the request."""
        group = (group_id_token.id_token, group_id_token.type.value) if group_id_token else None
        with refusals_as_input_errors(InvalidCommand, UnknownCommand, OcppError):
            order = remote_control.request_start_transaction(
                id_token, id_token_type.value, evse_id, group, charging_profile
            )
            started = await call.block(remote_control.RemoteStarts).start(
                call.station_id, order, call.timeout
            )
        # no result: the station is unknown, so nothing was sent
        result = started.result or CommandResult(Outcome.OFFLINE)
        answer = result.response
        return RequestStartTransactionResult(
            **commands.call_fields(result),
            **commands.status_fields(answer),
            remote_start_id=started.remote_start_id,
            transaction_id=answer.transaction_id if answer else None,
            remote_start=RemoteStartType.of(started.remote_start) if started.remote_start else None,
        )

    @mutation(
        "F03: ask the station to stop transactionId. The transaction ends when the station "
        "reports it (TransactionEvent Ended, stoppedReason Remote)."
    )
    async def request_stop_transaction(
        self, call: StationCall, transaction_id: str
    ) -> RequestStopTransactionResult:
        """F03: ask the station to stop a transaction."""
        request = remote_control.request_stop_transaction(transaction_id)
        answer = call_result.RequestStopTransaction
        return await call.status(request, answer, RequestStopTransactionResult)

    @mutation(
        "F05: ask the station to unlock a connector (Unlocked, UnlockFailed, "
        "OngoingAuthorizedTransaction, UnknownConnector)."
    )
    async def unlock_connector(
        self, call: StationCall, evse_id: int, connector_id: int
    ) -> UnlockConnectorResult:
        """F05: ask the station to unlock a connector."""
        request = remote_control.unlock_connector(evse_id, connector_id)
        return await call.status(request, call_result.UnlockConnector, UnlockConnectorResult)

    @mutation(
        "F06: ask the station to send requestedMessage now; evseId (and connectorId) only "
        "for MeterValues, StatusNotification and TransactionEvent. The message itself "
        "follows as a station CALL."
    )
    async def trigger_message(
        self,
        call: StationCall,
        requested_message: enums.MessageTriggerEnumType,
        evse_id: int | None = None,
        connector_id: int | None = None,
    ) -> TriggerMessageResult:
        """F06: ask the station to send one of its own messages now."""
        request = remote_control.trigger_message(requested_message, evse_id, connector_id)
        return await call.status(request, call_result.TriggerMessage, TriggerMessageResult)
