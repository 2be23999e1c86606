"""Reservations per (station, reservationId): the request, the station's answer, the last
CancelReservation answer and the end. The only file of the block that touches the database.

reservationIds are allocated by the CSMS, unique per station: one more than the highest the
station's reservations use, written before the ReserveNow is sent (so a TransactionEvent or
ReservationStatusUpdate naming it can never arrive first). The allocation runs in one
transaction under the station row's lock (PostgreSQL; SQLite runs one write transaction at
a time) together with the check that no open reservation holds the same EVSE, and the unique
(station, reservation_id) constraint settles any race left (the loser retries). Reading what
the CSMS knows of a station's EVSEs reads the tables of provisioning (connector statuses)
and the device model (its EVSEs and ReservationCtrlr.NonEvseSpecific); this block writes
only `reservation`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from infra.db.models import ConnectorStatus, DeviceAttribute, DeviceVariable, Reservation, Station
from infra.db.pages import newest_first, where_given
from modules.kernel.records import record_of
from modules.reservations.policy import ACCEPTED, EndReason, State
from modules.reservations.records import (
    Opened,
    ReservationFilter,
    ReservationRequest,
    StationFacts,
    StoredReservation,
)

ALLOCATION_ATTEMPTS = 5
CONTROLLER = "reservationctrlr"
NON_EVSE_SPECIFIC = "nonevsespecific"
_RENAMED = {"row_id": "id"}


class ReservationStore(Protocol):
    """The reservations' persistence: what the CSMS knows before reserving, the allocation,
    the answers and ends, and the reads."""

    async def station_facts(self, station_id: str) -> StationFacts | None:
        """The station's known EVSEs with their connectors' statuses and its
        ReservationCtrlr.NonEvseSpecific; None when the station is unknown."""
        ...

    async def open_reservation(
        self, station_id: str, wanted: ReservationRequest, now: datetime
    ) -> Opened:
        """Allocate a reservationId and record the request, unless an open reservation (not
        ended, not expired at `now`) holds the same EVSE or the station is unknown."""
        ...

    async def record_answer(
        self,
        station_id: str,
        reservation_id: int,
        wanted: ReservationRequest,
        status: str,
        now: datetime,
    ) -> StoredReservation:
        """Store the station's ReserveNow answer (a reservation sent with sendCall gets its
        row now); one other than Accepted ends it as Rejected."""
        ...

    async def mark_not_delivered(self, station_id: str, reservation_id: int, now: datetime) -> None:
        """End an unanswered reservation as NotDelivered (the station never got it)."""
        ...

    async def record_cancel(
        self, station_id: str, reservation_id: int, status: str, now: datetime
    ) -> bool:
        """Store a CancelReservation answer on the reservation; False when there is none."""
        ...

    async def end(
        self,
        station_id: str,
        reservation_id: int,
        reason: str,
        at: datetime,
        transaction_id: str | None = None,
        token_matched: bool | None = None,
    ) -> StoredReservation | None:
        """End the reservation unless it already ended; the ended reservation, or None when
        it had ended before (or does not exist)."""
        ...

    async def expire_overdue(self, now: datetime, limit: int) -> list[StoredReservation]:
        """End up to `limit` reservations past their expiry and not ended, of any station,
        as Expired at their expiry; the ones this call ended."""
        ...

    async def reservation(self, station_id: str, reservation_id: int) -> StoredReservation | None:
        """One reservation, or None."""
        ...

    async def reservations(
        self, wanted: ReservationFilter, now: datetime, limit: int, before_row: int | None
    ) -> list[StoredReservation]:
        """Up to `limit` reservations matching `wanted` (its state as seen at `now`), newest
        first, older than `before_row` when given."""
        ...


def _stored(row: Reservation) -> StoredReservation:
    return record_of(StoredReservation, row, _RENAMED)


def _in_state(query: QuerySet[Reservation], state: str, now: datetime) -> QuerySet[Reservation]:
    """`query` narrowed to the reservations in `state` at `now` (`policy.seen_at`)."""
    if state == State.ENDED:
        return query.filter(Q(ended_at__isnull=False) | Q(expiry_date_time__lte=now))
    query = query.filter(ended_at__isnull=True, expiry_date_time__gt=now)
    if state == State.ACTIVE:
        return query.filter(status=ACCEPTED)
    return query.filter(status__isnull=True)


def _flag(value: str | None) -> bool | None:
    """A boolean variable's Actual value; None when it is neither true nor false."""
    text = (value or "").strip().lower()
    return {"true": True, "false": False}.get(text)


class SqlReservationStore:
    """The reservations store on the `reservation` table (Tortoise)."""

    async def station_facts(self, station_id: str) -> StationFacts | None:
        """Three reads: connector statuses, the device model's EVSE ids, the controller."""
        if not await Station.exists(id=station_id):
            return None
        evses: dict[int, list[str]] = {}
        statuses = await (
            ConnectorStatus.filter(station_id=station_id)
            .order_by("evse_id", "connector_id")
            .values_list("evse_id", "status")
        )
        for evse_id, status in statuses:
            evses.setdefault(int(evse_id), []).append(str(status))
        modelled = await (
            DeviceVariable.filter(station_id=station_id, evse_id__isnull=False)
            .distinct()
            .values_list("evse_id", flat=True)
        )
        for modelled_id in modelled:
            evses.setdefault(int(str(modelled_id)), [])
        rows = await DeviceAttribute.filter(
            variable__station_id=station_id,
            variable__key__startswith=CONTROLLER,
            variable__evse_id__isnull=True,
            type="Actual",
        ).values("value", "variable__component_name", "variable__variable_name")
        flag = None
        for row in rows:
            names = (row["variable__component_name"], row["variable__variable_name"])
            if tuple(str(name).lower() for name in names) == (CONTROLLER, NON_EVSE_SPECIFIC):
                flag = _flag(row["value"])
        return StationFacts({key: tuple(value) for key, value in evses.items()}, flag)

    async def open_reservation(
        self, station_id: str, wanted: ReservationRequest, now: datetime
    ) -> Opened:
        """One transaction: lock the station, look for a conflict, allocate, insert."""
        for _ in range(ALLOCATION_ATTEMPTS):
            try:
                async with in_transaction():
                    station = await Station.filter(id=station_id).select_for_update().first()
                    if station is None:
                        return Opened()
                    if wanted.evse_id is not None:
                        conflict = (
                            await Reservation.filter(
                                station_id=station_id,
                                evse_id=wanted.evse_id,
                                ended_at__isnull=True,
                                expiry_date_time__gt=now,
                            )
                            .order_by("-id")
                            .first()
                        )
                        if conflict is not None:
                            return Opened(conflict=_stored(conflict))
                    last = (
                        await Reservation.filter(station_id=station_id)
                        .order_by("-reservation_id")
                        .first()
                        .values_list("reservation_id", flat=True)
                    )
                    allocated = int(last) + 1 if isinstance(last, int) else 1
                    await Reservation.create(
                        station_id=station_id, reservation_id=allocated, **wanted.columns(now)
                    )
                    return Opened(allocated)
            except IntegrityError:
                continue
        raise RuntimeError(f"could not allocate a reservationId for {station_id}")

    async def record_answer(
        self,
        station_id: str,
        reservation_id: int,
        wanted: ReservationRequest,
        status: str,
        now: datetime,
    ) -> StoredReservation:
        """An UPDATE (an INSERT for a reservation sent with sendCall), then a read."""
        row = await Reservation.get_or_none(station_id=station_id, reservation_id=reservation_id)
        if row is None:
            row = await Reservation.create(
                station_id=station_id, reservation_id=reservation_id, **wanted.columns(now)
            )
        row.status = status
        row.answered_at = now
        if status != ACCEPTED and row.ended_at is None:
            row.ended_at = now
            row.end_reason = EndReason.REJECTED.value
        await row.save(update_fields=["status", "answered_at", "ended_at", "end_reason"])
        return _stored(row)

    async def mark_not_delivered(self, station_id: str, reservation_id: int, now: datetime) -> None:
        """One conditional UPDATE."""
        await Reservation.filter(
            station_id=station_id,
            reservation_id=reservation_id,
            status__isnull=True,
            ended_at__isnull=True,
        ).update(ended_at=now, end_reason=EndReason.NOT_DELIVERED.value)

    async def record_cancel(
        self, station_id: str, reservation_id: int, status: str, now: datetime
    ) -> bool:
        """One UPDATE."""
        changed = await Reservation.filter(
            station_id=station_id, reservation_id=reservation_id
        ).update(cancel_status=status, cancel_answered_at=now)
        return bool(changed)

    async def end(
        self,
        station_id: str,
        reservation_id: int,
        reason: str,
        at: datetime,
        transaction_id: str | None = None,
        token_matched: bool | None = None,
    ) -> StoredReservation | None:
        """One conditional UPDATE, and a read when it ended the reservation."""
        changed = await Reservation.filter(
            station_id=station_id, reservation_id=reservation_id, ended_at__isnull=True
        ).update(
            ended_at=at,
            end_reason=reason,
            transaction_id=transaction_id,
            token_matched=token_matched,
        )
        if not changed:
            return None
        return await self.reservation(station_id, reservation_id)

    async def expire_overdue(self, now: datetime, limit: int) -> list[StoredReservation]:
        """One SELECT, then one conditional UPDATE per overdue reservation (another node's
        sweep may end the same one: only the UPDATE that changed it reports it)."""
        rows = await (
            Reservation.filter(ended_at__isnull=True, expiry_date_time__lte=now)
            .order_by("expiry_date_time")
            .limit(limit)
        )
        ended: list[StoredReservation] = []
        for row in rows:
            expired = {"ended_at": row.expiry_date_time, "end_reason": EndReason.EXPIRED.value}
            if await Reservation.filter(id=row.id, ended_at__isnull=True).update(**expired):
                row.update_from_dict(expired)
                ended.append(_stored(row))
        return ended

    async def reservation(self, station_id: str, reservation_id: int) -> StoredReservation | None:
        """One SELECT by the unique key."""
        row = await Reservation.get_or_none(station_id=station_id, reservation_id=reservation_id)
        return None if row is None else _stored(row)

    async def reservations(
        self, wanted: ReservationFilter, now: datetime, limit: int, before_row: int | None
    ) -> list[StoredReservation]:
        """One SELECT, newest row first."""
        query = where_given(Reservation.all(), station_id=wanted.station_id)
        if wanted.id_token is not None:
            query = query.filter(Q(id_token=wanted.id_token) | Q(group_id_token=wanted.id_token))
        if wanted.state is not None:
            query = _in_state(query, wanted.state, now)
        return [_stored(row) for row in await newest_first(query, limit, before_row)]
