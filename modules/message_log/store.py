"""The message log's store: reads of the `ocpp_message` table. The only file of the package
that touches the database; the writes are the gateway's batched writer's
(app/gateway/message_log.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from infra.db.models import OcppMessage
from infra.db.pages import newest_first
from modules.kernel.records import record_of


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
        rows = await newest_first(OcppMessage.filter(station_id=station_id), count, None)
        return [record_of(LoggedFrame, row) for row in rows]
