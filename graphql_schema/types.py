"""GraphQL object types."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import cast

import orjson
import strawberry
from strawberry.scalars import JSON

from infra.db.models import OcppMessage


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
        try:
            parsed = orjson.loads(self.frame)
        except orjson.JSONDecodeError:
            return None
        if not isinstance(parsed, list) or len(parsed) < 3:
            return None
        if self.message_type == 2 and len(parsed) == 4:
            return parsed[3]  # type: ignore[no-any-return]
        if self.message_type == 3:
            return parsed[2]  # type: ignore[no-any-return]
        if self.message_type == 4 and len(parsed) == 5:
            error = {"errorCode": parsed[2], "errorDescription": parsed[3]}
            return cast(JSON, {**error, "errorDetails": parsed[4]})
        return None

    @classmethod
    def from_model(cls, row: OcppMessage) -> OcppMessageType:
        """Build from the ORM row."""
        return cls(
            id=strawberry.ID(str(row.id)),
            station_id=row.station_id,
            direction=Direction(row.direction),
            message_type=row.message_type,
            message_id=row.message_id,
            action=row.action,
            frame=row.frame,
            timestamp=row.created_at,
        )


@strawberry.type(description="Something that happened at a station.")
class StationEvent:
    """One event: CONNECTED, DISCONNECTED, BOOT, STATUS_CHANGED, ..."""

    type: str
    station_id: strawberry.ID
    occurred_at: datetime
    payload: JSON
