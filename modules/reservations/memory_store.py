"""The reservations store's in-memory twin, for tests."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from modules.kernel.pages import newest_first
from modules.reservations.policy import ACCEPTED, EndReason, seen_at
from modules.reservations.records import (
    Opened,
    ReservationFilter,
    ReservationRequest,
    StationFacts,
    StoredReservation,
)


class MemoryReservationStore:
    """Reservations in a list; the stations and what the CSMS knows of their EVSEs are given
    by the test (`add_station`), as provisioning and the device model would store them."""

    def __init__(self) -> None:
        self.stations: dict[str, StationFacts] = {}
        self.rows: list[StoredReservation] = []

    def add_station(self, station_id: str, facts: StationFacts | None = None) -> None:
        """A registered station and what is known of its EVSEs."""
        self.stations[station_id] = facts or StationFacts()

    def _find(self, station_id: str, reservation_id: int) -> int | None:
        for index, row in enumerate(self.rows):
            if (row.station_id, row.reservation_id) == (station_id, reservation_id):
                return index
        return None

    def _add(
        self, station_id: str, reservation_id: int, wanted: ReservationRequest, now: datetime
    ) -> int:
        self.rows.append(
            StoredReservation(
                row_id=max((row.row_id for row in self.rows), default=0) + 1,
                station_id=station_id,
                reservation_id=reservation_id,
                **wanted.columns(now),
            )
        )
        return len(self.rows) - 1

    async def station_facts(self, station_id: str) -> StationFacts | None:
        """The facts given for the station, None when it was not added."""
        return self.stations.get(station_id)

    async def open_reservation(
        self, station_id: str, wanted: ReservationRequest, now: datetime
    ) -> Opened:
        """As the SQL store: the newest open reservation of the EVSE wins over allocation."""
        if station_id not in self.stations:
            return Opened()
        mine = [row for row in self.rows if row.station_id == station_id]
        if wanted.evse_id is not None:
            holding = [
                row
                for row in mine
                if row.evse_id == wanted.evse_id
                and row.ended_at is None
                and row.expiry_date_time > now
            ]
            if holding:
                return Opened(conflict=max(holding, key=lambda row: row.row_id))
        allocated = max((row.reservation_id for row in mine), default=0) + 1
        self._add(station_id, allocated, wanted, now)
        return Opened(allocated)

    async def record_answer(
        self,
        station_id: str,
        reservation_id: int,
        wanted: ReservationRequest,
        status: str,
        now: datetime,
    ) -> StoredReservation:
        """Store the answer, creating the row when there is none."""
        index = self._find(station_id, reservation_id)
        if index is None:
            index = self._add(station_id, reservation_id, wanted, now)
        row = dataclasses.replace(self.rows[index], status=status, answered_at=now)
        if status != ACCEPTED and row.ended_at is None:
            row = dataclasses.replace(row, ended_at=now, end_reason=EndReason.REJECTED.value)
        self.rows[index] = row
        return row

    async def mark_not_delivered(self, station_id: str, reservation_id: int, now: datetime) -> None:
        """End it as NotDelivered when it is unanswered and open."""
        index = self._find(station_id, reservation_id)
        if index is None:
            return
        row = self.rows[index]
        if row.status is None and row.ended_at is None:
            reason = EndReason.NOT_DELIVERED.value
            self.rows[index] = dataclasses.replace(row, ended_at=now, end_reason=reason)

    async def record_cancel(
        self, station_id: str, reservation_id: int, status: str, now: datetime
    ) -> bool:
        """Store the cancel answer; False when there is no such reservation."""
        index = self._find(station_id, reservation_id)
        if index is None:
            return False
        self.rows[index] = dataclasses.replace(
            self.rows[index], cancel_status=status, cancel_answered_at=now
        )
        return True

    async def end(
        self,
        station_id: str,
        reservation_id: int,
        reason: str,
        at: datetime,
        transaction_id: str | None = None,
        token_matched: bool | None = None,
    ) -> StoredReservation | None:
        """End it unless it ended before."""
        index = self._find(station_id, reservation_id)
        if index is None or self.rows[index].ended_at is not None:
            return None
        self.rows[index] = dataclasses.replace(
            self.rows[index],
            ended_at=at,
            end_reason=reason,
            transaction_id=transaction_id,
            token_matched=token_matched,
        )
        return self.rows[index]

    async def expire_overdue(self, now: datetime, limit: int) -> list[StoredReservation]:
        """The open ones past their expiry, earliest expiry first, ended at it."""
        overdue = sorted(
            (row for row in self.rows if row.ended_at is None and row.expiry_date_time <= now),
            key=lambda row: row.expiry_date_time,
        )[:limit]
        ended: list[StoredReservation] = []
        for row in overdue:
            expired = EndReason.EXPIRED.value
            done = await self.end(row.station_id, row.reservation_id, expired, row.expiry_date_time)
            if done is not None:
                ended.append(done)
        return ended

    async def reservation(self, station_id: str, reservation_id: int) -> StoredReservation | None:
        """One reservation, or None."""
        index = self._find(station_id, reservation_id)
        return None if index is None else self.rows[index]

    async def reservations(
        self, wanted: ReservationFilter, now: datetime, limit: int, before_row: int | None
    ) -> list[StoredReservation]:
        """Filtered as the SQL store filters, newest first."""
        token = wanted.id_token
        kept = [
            row
            for row in self.rows
            if wanted.station_id in (None, row.station_id)
            and (token is None or token in (row.id_token, row.group_id_token))
            and (wanted.state is None or seen_at(row, now).state == wanted.state)
        ]
        return newest_first(kept, lambda row: row.row_id, limit, before_row)
