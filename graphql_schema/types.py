"""GraphQL object types."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import Any, cast

import orjson
import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.context import Context
from graphql_schema.loaders import connectors_loader
from infra.db.models import ConnectorStatus, OcppMessage, Station


@strawberry.type(description="One connector of an EVSE and its last reported status.")
class Connector:
    """A connector's status."""

    id: int
    status: str
    reported_at: datetime | None


@strawberry.type(description="An EVSE of a station with its connectors.")
class Evse:
    """An EVSE."""

    id: int
    connectors: list[Connector]


def evses_from_rows(rows: Sequence[ConnectorStatus]) -> list[Evse]:
    """Group connector rows into EVSEs, ordered by id."""
    grouped: dict[int, list[Connector]] = {}
    for row in sorted(rows, key=lambda r: (r.evse_id, r.connector_id)):
        grouped.setdefault(row.evse_id, []).append(
            Connector(id=row.connector_id, status=row.status, reported_at=row.reported_at)
        )
    return [Evse(id=evse_id, connectors=connectors) for evse_id, connectors in grouped.items()]


@strawberry.type(
    name="Station", description="A charging station as registered and as it last described itself."
)
class StationType:
    """A charging station."""

    id: strawberry.ID
    online: bool
    registration_status: str | None
    vendor_name: str | None
    model: str | None
    serial_number: str | None
    firmware_version: str | None
    modem_iccid: str | None
    modem_imsi: str | None
    security_profile: int
    last_seen_at: datetime | None
    last_boot_at: datetime | None
    last_boot_reason: str | None

    @strawberry.field(description="EVSEs and their connectors' statuses.")
    async def evses(self, info: Info[Context, Any]) -> list[Evse]:
        """EVSEs grouped from connector statuses, batched across stations."""
        rows = await connectors_loader(info.context).load(str(self.id))
        return evses_from_rows(rows)

    @classmethod
    def from_model(cls, station: Station) -> StationType:
        """Build from the ORM row."""
        return cls(
            id=strawberry.ID(station.id),
            online=station.online,
            registration_status=station.registration_status,
            vendor_name=station.vendor_name,
            model=station.model,
            serial_number=station.serial_number,
            firmware_version=station.firmware_version,
            modem_iccid=station.modem_iccid,
            modem_imsi=station.modem_imsi,
            security_profile=station.security_profile,
            last_seen_at=station.last_seen_at,
            last_boot_at=station.last_boot_at,
            last_boot_reason=station.last_boot_reason,
        )


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
