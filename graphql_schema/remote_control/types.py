"""GraphQL types of the remote-control commands (block F) and of remote starts."""

from __future__ import annotations

from datetime import datetime

import strawberry
from ocpp.v201 import enums

from graphql_schema.common.commands import CallOutcomeEnum, StatusInfoType
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.paging import encode_id_cursor
from graphql_schema.common.records import from_record
from graphql_schema.transactions.types import TransactionType
from modules.remote_control import RemoteStartView

REMOTE_STARTS_CURSOR = "remoteStarts"

RequestStartStopStatus = ocpp_enum(
    enums.RequestStartStopStatusEnumType,
    "RequestStartStopStatus",
    "The station's answer to RequestStartTransaction / RequestStopTransaction.",
)
UnlockStatus = ocpp_enum(
    enums.UnlockStatusEnumType, "UnlockStatus", "The station's answer to UnlockConnector."
)
MessageTrigger = ocpp_enum(
    enums.MessageTriggerEnumType, "MessageTrigger", "MessageTriggerEnumType: what to send."
)
TriggerMessageStatus = ocpp_enum(
    enums.TriggerMessageStatusEnumType,
    "TriggerMessageStatus",
    "The station's answer to TriggerMessage.",
)


@strawberry.type(
    name="RemoteStart", description="A RequestStartTransaction the CSMS sent (F01/F02)."
)
class RemoteStartType:
    """The request, the station's answer, and the transaction it led to."""

    cursor: str = strawberry.field(description="Pass as `after` to read the next page.")
    station_id: strawberry.ID
    remote_start_id: int
    id_token: str
    id_token_type: str
    evse_id: int | None
    status: enums.RequestStartStopStatusEnumType | None = strawberry.field(
        description="The station's answer; null until it answered (or when it never did)."
    )
    answered_transaction_id: str | None = strawberry.field(
        description="The transactionId in the station's answer: a transaction it had "
        "already started (cable plugged in first, F01)."
    )
    requested_at: datetime
    answered_at: datetime | None
    transaction: TransactionType | None = strawberry.field(
        description="The transaction it led to: the station's transaction carrying its "
        "remoteStartId, else the running one the station named in its answer."
    )

    @classmethod
    def of(cls, view: RemoteStartView) -> RemoteStartType:
        """Build from the block's view of a remote start."""
        return from_record(
            cls,
            view,
            cursor=encode_id_cursor(REMOTE_STARTS_CURSOR, view.row_id),
            transaction=TransactionType.of(view.transaction) if view.transaction else None,
        )


@strawberry.type(description="How a RequestStartTransaction call ended.")
class RequestStartTransactionResult:
    """Outcome; the remoteStartId allocated (null when the station is unknown); with RESULT
    the station's status and the transactionId of a transaction already running."""

    outcome: CallOutcomeEnum
    remote_start_id: int | None
    status: enums.RequestStartStopStatusEnumType | None
    transaction_id: str | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    remote_start: RemoteStartType | None


@strawberry.type(description="How a RequestStopTransaction call ended.")
class RequestStopTransactionResult:
    """Outcome; with RESULT the station's status."""

    outcome: CallOutcomeEnum
    status: enums.RequestStartStopStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None


@strawberry.type(description="How an UnlockConnector call ended.")
class UnlockConnectorResult:
    """Outcome; with RESULT the station's status."""

    outcome: CallOutcomeEnum
    status: enums.UnlockStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None


@strawberry.type(description="How a TriggerMessage call ended.")
class TriggerMessageResult:
    """Outcome; with RESULT the station's status. The requested message follows as a
    station CALL, handled by the block owning it."""

    outcome: CallOutcomeEnum
    status: enums.TriggerMessageStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
