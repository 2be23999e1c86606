"""Remote starts per (station, remoteStartId): the request, then the station's answer.

remoteStartIds are allocated by the CSMS, unique per station: one more than the highest the
station's remote starts use. Allocations for one station queue on its row lock (PostgreSQL;
SQLite runs one write transaction at a time), and the unique (station, remote_start_id)
constraint settles any race left (the loser retries). The row is written before the call is
sent, so a TransactionEvent carrying the id can never arrive before the CSMS knows the id.
The transaction a remote start led to is the station's transaction carrying the same
remoteStartId (written by the transactions module); this module never writes transactions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from infra.db.models import RemoteStart, Station, Transaction

ALLOCATION_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class RemoteStartRequest:
    """What the operator asked for: who starts, and on which EVSE (None: station's choice)."""

    id_token: str
    id_token_type: str
    evse_id: int | None


async def open_remote_start(
    station_id: str, wanted: RemoteStartRequest, now: datetime
) -> int | None:
    """Allocate a remoteStartId and record the request; None when the station is unknown."""
    for _ in range(ALLOCATION_ATTEMPTS):
        try:
            async with in_transaction():
                station = await Station.filter(id=station_id).select_for_update().first()
                if station is None:
                    return None
                last = (
                    await RemoteStart.filter(station_id=station_id)
                    .order_by("-remote_start_id")
                    .first()
                    .values_list("remote_start_id", flat=True)
                )
                remote_start_id = int(last) + 1 if isinstance(last, int) else 1
                await RemoteStart.create(
                    station_id=station_id,
                    remote_start_id=remote_start_id,
                    id_token=wanted.id_token,
                    id_token_type=wanted.id_token_type,
                    evse_id=wanted.evse_id,
                    requested_at=now,
                )
                return remote_start_id
        except IntegrityError:
            continue
    raise RuntimeError(f"could not allocate a remoteStartId for {station_id}")


async def record_answer(
    station_id: str,
    remote_start_id: int,
    wanted: RemoteStartRequest,
    status: str,
    transaction_id: str | None,
    now: datetime,
) -> None:
    """Store the station's answer. A request sent some other way (sendCall) has no row yet:
    it gets one now, so every remote start a station answered can be read back."""
    updated = await RemoteStart.filter(
        station_id=station_id, remote_start_id=remote_start_id
    ).update(status=status, transaction_id=transaction_id, answered_at=now)
    if updated:
        return
    await RemoteStart.create(
        station_id=station_id,
        remote_start_id=remote_start_id,
        id_token=wanted.id_token,
        id_token_type=wanted.id_token_type,
        evse_id=wanted.evse_id,
        requested_at=now,
        status=status,
        transaction_id=transaction_id,
        answered_at=now,
    )


async def started_transactions(
    station_id: str, remote_starts: Iterable[RemoteStart]
) -> dict[int, Transaction]:
    """remoteStartId -> the transaction it led to, in one query for a page of remote starts.

    The transaction carrying the remoteStartId wins (the newest if a station reused the id);
    otherwise the one the station named in its answer (F01: a transaction already running
    when the request arrived, until an event links it).
    """
    starts = list(remote_starts)
    if not starts:
        return {}
    ids = [start.remote_start_id for start in starts]
    answered = [start.transaction_id for start in starts if start.transaction_id]
    by_remote_start: dict[int, Transaction] = {}
    by_transaction_id: dict[str, Transaction] = {}
    rows = await Transaction.filter(station_id=station_id, remote_start_id__in=ids).order_by("id")
    for row in rows:
        if row.remote_start_id is not None:
            by_remote_start[row.remote_start_id] = row
    if answered:
        for row in await Transaction.filter(station_id=station_id, transaction_id__in=answered):
            by_transaction_id[row.transaction_id] = row
    linked: dict[int, Transaction] = {}
    for start in starts:
        found = by_remote_start.get(start.remote_start_id)
        if found is None and start.transaction_id:
            found = by_transaction_id.get(start.transaction_id)
        if found is not None:
            linked[start.remote_start_id] = found
    return linked
