"""The data-transfer reads GraphQL uses: a station's stored transfers, newest first."""

from __future__ import annotations

from modules.data_transfer.records import Direction, TransferView
from modules.data_transfer.store import DataTransferStore
from modules.kernel.services import OnStore


class DataTransferQueries(OnStore[DataTransferStore]):
    """Reads of stored DataTransfers."""

    async def transfers(
        self,
        station_id: str,
        direction: Direction | None = None,
        vendor_id: str | None = None,
        limit: int = 100,
        before_id: int | None = None,
    ) -> list[TransferView]:
        """Up to `limit` transfers of the station in both directions (or `direction`), newest
        first, of `vendor_id` when given, older than `before_id` when given."""
        return await self._store.transfers(station_id, direction, vendor_id, limit, before_id)
