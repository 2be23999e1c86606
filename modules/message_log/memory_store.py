"""The message log's in-memory twin, for unit tests of its queries."""

from __future__ import annotations

from datetime import datetime

from modules.kernel.pages import newest_first
from modules.message_log.store import LoggedFrame


class MemoryMessageLogStore:
    """Frames in a list, in the order they were recorded."""

    def __init__(self) -> None:
        self.frames: list[LoggedFrame] = []

    def record(
        self,
        station_id: str,
        direction: str,
        frame: str,
        created_at: datetime,
        message_type: int | None = None,
        message_id: str | None = None,
        action: str | None = None,
    ) -> None:
        """Store one frame under the next id (what the gateway's writer does in a batch)."""
        self.frames.append(
            LoggedFrame(
                id=len(self.frames) + 1,
                station_id=station_id,
                direction=direction,
                message_type=message_type,
                message_id=message_id,
                action=action,
                frame=frame,
                created_at=created_at,
            )
        )

    async def newest_frames(self, station_id: str, count: int) -> list[LoggedFrame]:
        """Up to `count` frames of the station, newest first."""
        mine = [frame for frame in self.frames if frame.station_id == station_id]
        return newest_first(mine, lambda frame: frame.id, count)
