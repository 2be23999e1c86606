"""The message log's store: reads of the `ocpp_message` table. The only file of the package
that touches the database; the writes are the gateway's batched writer's
(app/gateway/message_log.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from infra.db.models import OcppMessage


@dataclass(frozen=True, slots=True)
class LoggedFrame:
    """One OCPP-J frame as stored: which station, which way (IN or OUT), its parsed header
    fields when it had them, the frame text, and when it was recorded."""

    id: int
    station_id: str
    direction: str
    message_type: int | None
    message_id: str | None
    action: str | None
    frame: str
    created_at: datetime


class MessageLogStore(Protocol):
    """Reads of logged frames."""

    async def newest_frames(self, station_id: str, count: int) -> list[LoggedFrame]:
        """Up to `count` frames of the station, newest first."""
        ...


class SqlMessageLogStore:
    """The message log read from the database (served by the (station_id, id) index)."""

    async def newest_frames(self, station_id: str, count: int) -> list[LoggedFrame]:
        """Up to `count` frames of the station, newest first."""
        rows = await OcppMessage.filter(station_id=station_id).order_by("-id").limit(count)
        return [
            LoggedFrame(
                id=row.id,
                station_id=row.station_id,
                direction=row.direction,
                message_type=row.message_type,
                message_id=row.message_id,
                action=row.action,
                frame=row.frame,
                created_at=row.created_at,
            )
            for row in rows
        ]
