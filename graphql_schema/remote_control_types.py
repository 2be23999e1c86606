"""GraphQL types of the remote-control commands (block F) and of remote starts."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from graphql_schema.common.commands import CallOutcomeEnum, StatusInfoType
from graphql_schema.common.paging import encode_id_cursor
from graphql_schema.transactions.types import TransactionType
from infra.db.models import RemoteStart, Transaction
from modules.transactions import transaction_view

REMOTE_STARTS_CURSOR = "remoteStarts"


class RemoteControlInputError(ValueError):
    """A remote-control argument that cannot be sent; the message names the field."""


@strawberry.enum(
    name="RequestStartStopStatus",
    description="The station's answer to RequestStartTransaction / RequestStopTransaction.",
)
class RequestStartStopStatusEnum(Enum):
    """Accepted: the station will try; Rejected: it will not."""

    Accepted = "Accepted"
    Rejected = "Rejected"


@strawberry.enum(name="UnlockStatus", description="The station's answer to UnlockConnector.")
class UnlockStatusEnum(Enum):
    """Unlocked; UnlockFailed; OngoingAuthorizedTransaction (refused: a transaction is
    running on it, F05.FR.02); UnknownConnector."""

    Unlocked = "Unlocked"
    UnlockFailed = "UnlockFailed"
    OngoingAuthorizedTransaction = "OngoingAuthorizedTransaction"
    UnknownConnector = "UnknownConnector"


@strawberry.enum(name="MessageTrigger", description="MessageTriggerEnumType: what to send.")
class MessageTriggerEnum(Enum):
    """The station-initiated message a TriggerMessage asks for."""

    BootNotification = "BootNotification"
    LogStatusNotification = "LogStatusNotification"
    FirmwareStatusNotification = "FirmwareStatusNotification"
    Heartbeat = "Heartbeat"
    MeterValues = "MeterValues"
    SignChargingStationCertificate = "SignChargingStationCertificate"
    SignV2GCertificate = "SignV2GCertificate"
    StatusNotification = "StatusNotification"
    TransactionEvent = "TransactionEvent"
    SignCombinedCertificate = "SignCombinedCertificate"
    PublishFirmwareStatusNotification = "PublishFirmwareStatusNotification"


@strawberry.enum(name="TriggerMessageStatus", description="The station's answer to TriggerMessage.")
class TriggerMessageStatusEnum(Enum):
    """Accepted: the message follows; Rejected; NotImplemented (F06.FR.08)."""

    Accepted = "Accepted"
    Rejected = "Rejected"
    NotImplemented = "NotImplemented"


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
    status: RequestStartStopStatusEnum | None = strawberry.field(
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
    def from_model(cls, row: RemoteStart, linked: Transaction | None) -> RemoteStartType:
        """Build from the ORM row and the transaction it is linked to."""
        return cls(
            cursor=encode_id_cursor(REMOTE_STARTS_CURSOR, row.id),
            station_id=strawberry.ID(row.station_id),  # type: ignore[attr-defined]
            remote_start_id=row.remote_start_id,
            id_token=row.id_token,
            id_token_type=row.id_token_type,
            evse_id=row.evse_id,
            status=RequestStartStopStatusEnum(row.status) if row.status else None,
            answered_transaction_id=row.transaction_id,
            requested_at=row.requested_at,
            answered_at=row.answered_at,
            transaction=TransactionType.of(transaction_view(linked)) if linked else None,
        )


@strawberry.type(description="How a RequestStartTransaction call ended.")
class RequestStartTransactionResult:
    """Outcome; the remoteStartId allocated (null when the station is unknown); with RESULT
    the station's status and the transactionId of a transaction already running."""

    outcome: CallOutcomeEnum
    remote_start_id: int | None
    status: RequestStartStopStatusEnum | None
    transaction_id: str | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    remote_start: RemoteStartType | None


@strawberry.type(description="How a RequestStopTransaction call ended.")
class RequestStopTransactionResult:
    """Outcome; with RESULT the station's status."""

    outcome: CallOutcomeEnum
    status: RequestStartStopStatusEnum | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None


@strawberry.type(description="How an UnlockConnector call ended.")
class UnlockConnectorResult:
    """Outcome; with RESULT the station's status."""

    outcome: CallOutcomeEnum
    status: UnlockStatusEnum | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None


@strawberry.type(description="How a TriggerMessage call ended.")
class TriggerMessageResult:
    """Outcome; with RESULT the station's status. The requested message follows as a
    station CALL, handled by the module owning it."""

    outcome: CallOutcomeEnum
    status: TriggerMessageStatusEnum | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
