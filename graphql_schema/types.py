"""GraphQL object types."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON


@strawberry.type(description="Something that happened at a station.")
class StationEvent:
    """One event: CONNECTED, DISCONNECTED, BOOT, STATUS_CHANGED, ..."""

    type: str
    station_id: strawberry.ID
    occurred_at: datetime
    payload: JSON
