"""GraphQL types of the message log."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import cast

import strawberry
from strawberry.scalars import JSON

from graphql_schema.common.records import from_record
from modules.message_log import LoggedFrame, payload_of


@strawberry.enum(description="Which way a frame went.")
class Direction(Enum):
    """IN: station to CSMS; OUT: CSMS to station."""

    IN = "IN"
    OUT = "OUT"


@strawberry.type(name="OcppMessage", description="One OCPP-J frame from the message log.")
class OcppMessageType:
    """A logged frame."""

    id: strawberry.ID
    station_id: str
    direction: Direction
    message_type: int | None
    message_id: str | None
    action: str | None
    frame: str
    timestamp: datetime

    @strawberry.field(description="The frame's payload (CALL/CALLRESULT) or error part, as JSON.")
    def payload(self) -> JSON | None:
        """Parsed from the stored frame."""
        return cast(JSON | None, payload_of(self.frame, self.message_type))

    @classmethod
    def of(cls, frame: LoggedFrame) -> OcppMessageType:
        """Build from the message log's view of a frame."""
        return from_record(
            cls,
            frame,
            id=strawberry.ID(str(frame.id)),
            direction=Direction(frame.direction),
            timestamp=frame.created_at,
        )
