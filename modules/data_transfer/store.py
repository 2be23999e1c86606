"""The data-transfer block's storage: every DataTransfer in either direction with its answer
(the only file of the block that touches the database).

The data of a transfer and of its answer are stored as JSON text (`json.dumps`, ASCII with
escapes): any JSON value a station sends is kept as sent, NUL characters and integers past 64
bits included, on both databases.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Protocol

from infra.db.models import DataTransferRecord
from infra.db.pages import newest_first, where_given
from modules.data_transfer.records import Direction, Transfer, TransferView
from modules.kernel.records import record_of


class DataTransferStore(Protocol):
    """What the data-transfer handlers, commands and queries need stored and read."""

    async def add_transfer(self, transfer: Transfer) -> int:
        """Store one transfer; returns its id."""
        ...

    async def transfers(
        self,
        station_id: str,
        direction: Direction | None,
        vendor_id: str | None,
        limit: int,
        before_id: int | None,
    ) -> list[TransferView]:
        """Up to `limit` transfers of the station, newest first, of one direction and vendor
        when given, with id < before_id when given."""
        ...


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


def _json_value(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _view(row: DataTransferRecord) -> TransferView:
    return record_of(
        TransferView,
        row,
        direction=Direction(row.direction),
        data=_json_value(row.data),
        response_data=_json_value(row.response_data),
    )


class SqlDataTransferStore:
    """DataTransferStore on the ORM (SQLite or PostgreSQL)."""

    async def add_transfer(self, transfer: Transfer) -> int:
        """One INSERT into data_transfer."""
        columns = asdict(transfer)
        columns["direction"] = transfer.direction.value
        columns["data"] = _json_text(transfer.data)
        columns["response_data"] = _json_text(transfer.response_data)
        row = await DataTransferRecord.create(**columns)
        return int(row.id)

    async def transfers(
        self,
        station_id: str,
        direction: Direction | None,
        vendor_id: str | None,
        limit: int,
        before_id: int | None,
    ) -> list[TransferView]:
        """One SELECT, newest id first."""
        query = where_given(
            DataTransferRecord.filter(station_id=station_id),
            direction=direction.value if direction is not None else None,
            vendor_id=vendor_id,
        )
        rows = await newest_first(query, limit, before_id)
        return [_view(row) for row in rows]
