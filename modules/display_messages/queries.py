"""The display-message reads GraphQL uses: a station's messages as the CSMS knows them, its
catalogue as it last reported it, its GetDisplayMessages requests, fleet-wide messages."""

from __future__ import annotations

from collections.abc import Sequence

from modules.display_messages.records import (
    BroadcastTargetView,
    BroadcastView,
    DisplayMessageView,
    MessageRequestView,
    ReportedMessageView,
)
from modules.display_messages.store import DisplayMessageStore
from modules.kernel.services import OnStore


class DisplayMessageQueries(OnStore[DisplayMessageStore]):
    """Reads of the stored display messages; page sizes are checked by the caller."""

    async def messages(
        self,
        station_id: str,
        presences: Sequence[str] | None = None,
        first: int = 100,
        after_id: int | None = None,
    ) -> list[DisplayMessageView]:
        """The station's message ids above `after_id` in id order, of `presences` (any when
        None)."""
        return await self._store.messages(station_id, presences, first, after_id)

    async def message(self, station_id: str, message_id: int) -> DisplayMessageView | None:
        """One message id of the station, or None."""
        return await self._store.message(station_id, message_id)

    async def reported(self, station_id: str) -> list[ReportedMessageView]:
        """The station's catalogue as it last reported it, in id order."""
        return await self._store.reported_messages(station_id)

    async def requests(
        self, station_id: str, first: int = 20, before_id: int | None = None
    ) -> list[MessageRequestView]:
        """The station's GetDisplayMessages requests, newest first."""
        return await self._store.requests(station_id, first, before_id)

    async def request(self, station_id: str, request_id: int) -> MessageRequestView | None:
        """One request, or None."""
        return await self._store.request(station_id, request_id)

    async def broadcast(self, broadcast_id: int) -> BroadcastView | None:
        """One fleet-wide message with its counts per outcome, or None."""
        return await self._store.broadcast(broadcast_id)

    async def broadcasts(
        self, first: int = 20, before_id: int | None = None
    ) -> list[BroadcastView]:
        """Fleet-wide messages, newest first."""
        return await self._store.broadcasts(first, before_id)

    async def targets(
        self,
        broadcast_id: int,
        outcome: str | None = None,
        first: int = 100,
        after_id: int | None = None,
    ) -> list[BroadcastTargetView]:
        """A fleet-wide message's stations in order, of one outcome when given."""
        return await self._store.broadcast_targets(broadcast_id, outcome, first, after_id)
