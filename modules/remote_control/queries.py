"""Remote starts read back (F01/F02), each with the transaction it led to."""

from __future__ import annotations

from modules.kernel.services import OnStore
from modules.remote_control.records import RemoteStartView
from modules.remote_control.store import RemoteControlStore


class RemoteControlQueries(OnStore[RemoteControlStore]):
    """The remote-start reads GraphQL uses."""

    async def remote_starts(
        self, station_id: str, first: int, before_row: int | None = None
    ) -> list[RemoteStartView]:
        """A page of `first` remote starts of the station, newest first, older than
        `before_row` when given; one read for the page, one for its transactions."""
        return await self._store.remote_starts(station_id, first, before_row)

    async def remote_start(self, station_id: str, remote_start_id: int) -> RemoteStartView | None:
        """The station's remote start `remote_start_id`, or None."""
        return await self._store.remote_start(station_id, remote_start_id)
