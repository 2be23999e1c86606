"""The data-transfer store's in-memory twin, for tests."""

from __future__ import annotations

import copy
from dataclasses import asdict

from modules.data_transfer.records import Direction, Transfer, TransferView
from modules.kernel.pages import matches, newest_first


class MemoryDataTransferStore:
    """DataTransferStore in a list; ids count up from 1 as the database's do."""

    def __init__(self) -> None:
        self.stored: list[TransferView] = []

    async def add_transfer(self, transfer: Transfer) -> int:
        """Append a copy (the JSON values are not shared with the caller) with the next id."""
        view = TransferView(id=len(self.stored) + 1, **copy.deepcopy(asdict(transfer)))
        self.stored.append(view)
        return view.id

    async def transfers(
        self,
        station_id: str,
        direction: Direction | None,
        vendor_id: str | None,
        limit: int,
        before_id: int | None,
    ) -> list[TransferView]:
        """Newest first, filtered as the SQL store filters."""
        mine = [
            row
            for row in self.stored
            if matches(row, station_id=station_id, direction=direction, vendor_id=vendor_id)
        ]
        return newest_first(mine, lambda row: row.id, limit, before_id)
