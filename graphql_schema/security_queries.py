"""Security-event types and resolvers (mounted on Query in queries.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.paging import check_first, decode_id_cursor, encode_id_cursor
from graphql_schema.context import Context
from infra.db.models import SecurityEvent

CURSOR_KIND = "securityEvents"


@strawberry.type(description="A SecurityEventNotification a station sent (A04).")
class SecurityEventType:
    """One stored security event."""

    cursor: str = strawberry.field(description="Pass as `after` to read older events.")
    station_id: strawberry.ID
    type: str = strawberry.field(description="The security event type (Appendix 1 of Part 2).")
    timestamp: datetime = strawberry.field(description="When the station says it happened.")
    tech_info: str | None
    received_at: datetime

    @classmethod
    def from_model(cls, row: SecurityEvent) -> SecurityEventType:
        """Build from the ORM row."""
        return cls(
            cursor=encode_id_cursor(CURSOR_KIND, row.id),
            station_id=strawberry.ID(row.station_id),  # type: ignore[attr-defined]
            type=row.type,
            timestamp=row.timestamp,
            tech_info=row.tech_info,
            received_at=row.received_at,
        )


async def security_events(
    info: Info[Context, Any],
    station_id: strawberry.ID | None = None,
    type: str | None = None,
    first: int = 100,
    after: str | None = None,
) -> list[SecurityEventType]:
    """Security events of one station, or of the fleet when stationId is omitted, newest
    (last received) first."""
    query = SecurityEvent.all()
    if station_id is not None:
        query = query.filter(station_id=str(station_id))
    if type is not None:
        query = query.filter(type=type)
    if after is not None:
        query = query.filter(id__lt=decode_id_cursor(CURSOR_KIND, after))
    rows = await query.order_by("-id").limit(check_first(first))
    return [SecurityEventType.from_model(row) for row in rows]
