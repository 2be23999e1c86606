"""The customer-information reads GraphQL uses: requests with their assembled data, and the
audit of removals."""

from __future__ import annotations

from modules.customer_information.records import InformationRecord, RemovalView
from modules.customer_information.store import CustomerInformationStore
from modules.kernel.services import OnStore


class CustomerInformationQueries(OnStore[CustomerInformationStore]):
    """Reads of customer-information requests and removals."""

    async def request(self, station_id: str, request_id: int) -> InformationRecord | None:
        """The station's request `request_id` with its parts, or None."""
        return await self._store.request(station_id, request_id)

    async def requests(
        self, station_id: str, limit: int = 100, before_row: int | None = None
    ) -> list[InformationRecord]:
        """Up to `limit` requests of the station with their parts, newest first, older than
        `before_row` when given."""
        return await self._store.requests(station_id, limit, before_row)

    async def removals(
        self, station_id: str | None = None, limit: int = 100, before_id: int | None = None
    ) -> list[RemovalView]:
        """Up to `limit` audit records of removals, newest first, of one station (all when
        None), older than `before_id` when given."""
        return await self._store.removals(station_id, limit, before_id)
