"""The security block's storage: security events (the only file of the block that touches
the database)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from infra.db.models import SecurityEvent
from modules.security.records import SecurityEventView


class SecurityStore(Protocol):
    """What the security handlers and queries need stored and read."""

    async def add_security_event(
        self,
        station_id: str,
        type: str,
        timestamp: datetime,
        tech_info: str | None,
        received_at: datetime,
    ) -> None:
        """Store one reported security event."""
        ...

    async def security_events(
        self, station_id: str | None, type: str | None, limit: int, before_id: int | None
    ) -> list[SecurityEventView]:
        """Up to `limit` events, newest first, filtered by station, type and id < before_id
        (each when not None)."""
        ...


def _view(row: SecurityEvent) -> SecurityEventView:
    return SecurityEventView(
        id=row.id,
        station_id=row.station_id,  # type: ignore[attr-defined]
        type=row.type,
        timestamp=row.timestamp,
        tech_info=row.tech_info,
        received_at=row.received_at,
    )


class SqlSecurityStore:
    """SecurityStore on the ORM (SQLite or PostgreSQL)."""

    async def add_security_event(
        self,
        station_id: str,
        type: str,
        timestamp: datetime,
        tech_info: str | None,
        received_at: datetime,
    ) -> None:
        """One INSERT into security_event."""
        await SecurityEvent.create(
            station_id=station_id,
            type=type,
            timestamp=timestamp,
            tech_info=tech_info,
            received_at=received_at,
        )

    async def security_events(
        self, station_id: str | None, type: str | None, limit: int, before_id: int | None
    ) -> list[SecurityEventView]:
        """One SELECT, newest id first."""
        query = SecurityEvent.all()
        if station_id is not None:
            query = query.filter(station_id=station_id)
        if type is not None:
            query = query.filter(type=type)
        if before_id is not None:
            query = query.filter(id__lt=before_id)
        rows = await query.order_by("-id").limit(limit)
        return [_view(row) for row in rows]
