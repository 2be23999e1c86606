"""GraphQL types of the data-transfer block."""

from __future__ import annotations

from datetime import datetime

import strawberry
from ocpp.v201 import enums
from strawberry.scalars import JSON

from graphql_schema.common.commands import CallOutcomeEnum, StatusInfoType
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.paging import encode_id_cursor
from graphql_schema.common.records import from_record
from modules.data_transfer import Direction, TransferView

CURSOR_KIND = "dataTransfers"

DataTransferStatus = ocpp_enum(
    enums.DataTransferStatusEnumType,
    "DataTransferStatus",
    "A DataTransfer's answer: Accepted or Rejected (the vendor's agreement), UnknownMessageId "
    "or UnknownVendorId.",
)
DataTransferDirection = strawberry.enum(
    Direction,
    name="DataTransferDirection",
    description="FROM_STATION: the station sent it (P02); TO_STATION: the CSMS sent it (P01).",
)


@strawberry.type(description="How a dataTransfer call ended and what the station answered.")
class DataTransferResult:
    """Outcome; with RESULT the station's status, statusInfo and data."""

    outcome: CallOutcomeEnum
    status: enums.DataTransferStatusEnumType | None
    status_info: StatusInfoType | None
    data: JSON | None = strawberry.field(description="The answer's data, as the station sent it.")
    error_code: str | None
    error_description: str | None


@strawberry.type(name="DataTransfer", description="A stored DataTransfer and its answer.")
class DataTransferType:
    """One DataTransfer, either way, with its answer."""

    cursor: str = strawberry.field(description="Pass as `after` to read older transfers.")
    station_id: strawberry.ID
    direction: Direction
    vendor_id: str
    message_id: str | None
    data: JSON | None = strawberry.field(description="The transfer's data as sent (null: none).")
    outcome: CallOutcomeEnum = strawberry.field(
        description="RESULT when answered; TIMEOUT or CALL_ERROR for a transfer to a station "
        "that did not answer it."
    )
    status: enums.DataTransferStatusEnumType | None
    status_info: StatusInfoType | None
    response_data: JSON | None = strawberry.field(description="The answer's data (null: none).")
    error_code: str | None
    recorded_at: datetime = strawberry.field(
        description="When it was answered (or given up on, for a TIMEOUT or CALL_ERROR)."
    )

    @classmethod
    def of(cls, view: TransferView) -> DataTransferType:
        """Build from the block's stored transfer."""
        info = None
        if view.reason_code is not None:
            info = StatusInfoType(
                reason_code=view.reason_code, additional_info=view.additional_info
            )
        return from_record(
            cls,
            view,
            cursor=encode_id_cursor(CURSOR_KIND, view.id),
            outcome=CallOutcomeEnum(view.outcome),
            status=enums.DataTransferStatusEnumType(view.status) if view.status else None,
            status_info=info,
        )
