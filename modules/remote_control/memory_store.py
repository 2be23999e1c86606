"""The in-memory twin of the remote-control store, for unit tests."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from modules.kernel.pages import newest_first
from modules.remote_control.records import RemoteStartView, StartedTransaction
from modules.remote_control.store import RemoteStartAnswer, RemoteStartRequest


class MemoryRemoteControlStore:
    """Remote starts in a list; the stations and transactions it links to are given by the
    test (`add_station`, `add_transaction`), as provisioning and transactions would write."""

    def __init__(self) -> None:
        self.stations: set[str] = set()
        self.rows: list[RemoteStartView] = []
        self.transactions: list[StartedTransaction] = []

    def add_station(self, station_id: str) -> None:
        """A registered station."""
        self.stations.add(station_id)

    def add_transaction(self, transaction: StartedTransaction) -> None:
        """A transaction the transactions block stored."""
        self.transactions.append(transaction)

    def _find(self, station_id: str, remote_start_id: int) -> int | None:
        for index, row in enumerate(self.rows):
            if (row.station_id, row.remote_start_id) == (station_id, remote_start_id):
                return index
        return None

    def _add(
        self, station_id: str, remote_start_id: int, wanted: RemoteStartRequest, now: datetime
    ) -> int:
        """A new row under the next row id, with the request only; its index."""
        self.rows.append(
            RemoteStartView(
                row_id=max((row.row_id for row in self.rows), default=0) + 1,
                station_id=station_id,
                remote_start_id=remote_start_id,
                **wanted.columns(now),
                status=None,
                answered_transaction_id=None,
                answered_at=None,
            )
        )
        return len(self.rows) - 1

    async def open_remote_start(
        self, station_id: str, wanted: RemoteStartRequest, now: datetime
    ) -> int | None:
        """Allocate one more than the station's highest remoteStartId and record the request."""
        if station_id not in self.stations:
            return None
        used = [row.remote_start_id for row in self.rows if row.station_id == station_id]
        remote_start_id = max(used, default=0) + 1
        self._add(station_id, remote_start_id, wanted, now)
        return remote_start_id

    async def record_answer(
        self, station_id: str, answer: RemoteStartAnswer, now: datetime
    ) -> None:
        """Store the answer on the remote start, creating it when it has no row."""
        index = self._find(station_id, answer.remote_start_id)
        if index is None:
            index = self._add(station_id, answer.remote_start_id, answer.wanted, now)
        self.rows[index] = dataclasses.replace(
            self.rows[index],
            status=answer.status,
            answered_transaction_id=answer.transaction_id,
            answered_at=now,
        )

    async def was_requested(
        self, station_id: str, remote_start_id: int, id_token: str, id_token_type: str
    ) -> bool:
        """Whether a remote start with that id and token was recorded for the station."""
        index = self._find(station_id, remote_start_id)
        if index is None:
            return False
        row = self.rows[index]
        return (row.id_token, row.id_token_type) == (id_token, id_token_type)

    def _linked(self, row: RemoteStartView) -> RemoteStartView:
        mine = [tx for tx in self.transactions if tx.station_id == row.station_id]
        carrying = [tx for tx in mine if tx.remote_start_id == row.remote_start_id]
        found = max(carrying, key=lambda tx: tx.pk) if carrying else None
        if found is None and row.answered_transaction_id:
            named = [tx for tx in mine if tx.transaction_id == row.answered_transaction_id]
            found = named[0] if named else None
        return dataclasses.replace(row, transaction=found)

    async def remote_starts(
        self, station_id: str, limit: int, before_row: int | None = None
    ) -> list[RemoteStartView]:
        """Up to `limit` remote starts of the station, newest first, older than `before_row`."""
        mine = [row for row in self.rows if row.station_id == station_id]
        return [
            self._linked(row)
            for row in newest_first(mine, lambda row: row.row_id, limit, before_row)
        ]

    async def remote_start(self, station_id: str, remote_start_id: int) -> RemoteStartView | None:
        """One remote start with the transaction it led to, or None."""
        index = self._find(station_id, remote_start_id)
        return None if index is None else self._linked(self.rows[index])
