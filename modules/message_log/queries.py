"""The message log's reads: a station's last frames, oldest first."""

from __future__ import annotations

from modules.kernel.services import OnStore
from modules.message_log.store import LoggedFrame, MessageLogStore

__all__ = ["LoggedFrame", "MessageLogQueries"]


class MessageLogQueries(OnStore[MessageLogStore]):
    """What GraphQL reads of the message log."""

    async def last_frames(self, station_id: str, last: int) -> list[LoggedFrame]:
        """The station's `last` most recent frames, oldest first (in the order they were
        recorded)."""
        newest_first = await self._store.newest_frames(station_id, last)
        return newest_first[::-1]
