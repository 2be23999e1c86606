"""The security block's storage: security events (the only file of the block that touches
the database).

A security event's natural key is its station, type, timestamp and techInfo (A04: the station
sends each notification until it is confirmed, the same each time; two events of one type in
one second are kept apart by their techInfo): a unique index holds each key once, so a resent
SecurityEventNotification, on a new connection or to another node, stores nothing new.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Protocol

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from infra.db.models import SecurityEvent
from infra.db.pages import newest_first, where_given
from modules.kernel.records import record_of
from modules.security.records import ReportedSecurityEvent, SecurityEventView


class SecurityStore(Protocol):
    """What the security handlers and queries need stored and read."""

    async def add_security_event(self, event: ReportedSecurityEvent) -> bool:
        """Store one reported security event; False when one of the same station, type,
        timestamp and techInfo is stored already (a resend), which is left as it was."""
        ...

    async def security_events(
        self, station_id: str | None, type: str | None, limit: int, before_id: int | None
    ) -> list[SecurityEventView]:
        """Up to `limit` events, newest first, filtered by station, type and id < before_id
        (each when not None)."""
        ...


def _view(row: SecurityEvent) -> SecurityEventView:
    return record_of(SecurityEventView, row)


class SqlSecurityStore:
    """SecurityStore on the ORM (SQLite or PostgreSQL)."""

    async def add_security_event(self, event: ReportedSecurityEvent) -> bool:
        """One INSERT into security_event, in a savepoint: the unique key refusing it means a
        resend, and only the savepoint is rolled back."""
        try:
            async with in_transaction():
                await SecurityEvent.create(**asdict(event))
        except IntegrityError:
            return False
        return True

    async def security_events(
        self, station_id: str | None, type: str | None, limit: int, before_id: int | None
    ) -> list[SecurityEventView]:
        """One SELECT, newest id first."""
        query = where_given(SecurityEvent.all(), station_id=station_id, type=type)
        rows = await newest_first(query, limit, before_id)
        return [_view(row) for row in rows]
