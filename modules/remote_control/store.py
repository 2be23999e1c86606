"""Remote starts per (station, remoteStartId): the request, then the station's answer. The
only file of the block that touches the database.

remoteStartIds are allocated by the CSMS, unique per station: one more than the highest the
station's remote starts use. Allocations for one station queue on its row lock (PostgreSQL;
SQLite runs one write transaction at a time), and the unique (station, remote_start_id)
constraint settles any race left (the loser retries). The row is written before the call is
sent, so a TransactionEvent carrying the id can never arrive before the CSMS knows the id.
The transaction a remote start led to is the station's transaction carrying the same
remoteStartId (written by the transactions module, read here by a join on
`charging_transaction`); this block never writes transactions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Protocol

from infra.db.allocation import allocate_station_id
from infra.db.models import TRANSACTION_RECORD_COLUMNS, RemoteStart, Transaction
from infra.db.pages import newest_first
from modules.kernel.records import record_of
from modules.remote_control.records import RemoteStartView, StartedTransaction

_VIEW_COLUMNS = {"row_id": "id", "answered_transaction_id": "transaction_id"}
"""RemoteStartView's fields whose column is named otherwise."""


@dataclass(frozen=True, slots=True)
class RemoteStartRequest:
    """What the operator asked for: who starts, and on which EVSE (None: station's choice)."""

    id_token: str
    id_token_type: str
    evse_id: int | None

    def columns(self, requested_at: datetime) -> dict[str, Any]:
        """A remote start's request fields (columns), asked for at `requested_at`."""
        return {**asdict(self), "requested_at": requested_at}


@dataclass(frozen=True, slots=True)
class RemoteStartAnswer:
    """A station's answer to remote start `remote_start_id`, which asked for `wanted`: its
    status and the transactionId of a transaction already running (F01)."""

    remote_start_id: int
    wanted: RemoteStartRequest
    status: str
    transaction_id: str | None


class RemoteControlStore(Protocol):
    """The remote starts' persistence: allocation, answers, and the reads."""

    async def open_remote_start(
        self, station_id: str, wanted: RemoteStartRequest, now: datetime
    ) -> int | None:
        """Allocate a remoteStartId and record the request; None when the station is unknown."""
        ...

    async def record_answer(
        self, station_id: str, answer: RemoteStartAnswer, now: datetime
    ) -> None:
        """Store the station's answer; a remote start without a row (sent with sendCall)
        gets one now."""
        ...

    async def was_requested(
        self, station_id: str, remote_start_id: int, id_token: str, id_token_type: str
    ) -> bool:
        """Whether the CSMS asked the station for remote start `remote_start_id` with that
        token."""
        ...

    async def remote_starts(
        self, station_id: str, limit: int, before_row: int | None = None
    ) -> list[RemoteStartView]:
        """Up to `limit` remote starts of the station, newest first, older than `before_row`."""
        ...

    async def remote_start(self, station_id: str, remote_start_id: int) -> RemoteStartView | None:
        """One remote start with the transaction it led to, or None."""
        ...


def _view(row: RemoteStart, linked: Transaction | None) -> RemoteStartView:
    started = None
    if linked is not None:
        started = record_of(StartedTransaction, linked, TRANSACTION_RECORD_COLUMNS)
    return record_of(RemoteStartView, row, _VIEW_COLUMNS, transaction=started)


async def _started_transactions(
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


class SqlRemoteControlStore:
    """The remote-control store on the `remote_start` table (Tortoise)."""

    async def open_remote_start(
        self, station_id: str, wanted: RemoteStartRequest, now: datetime
    ) -> int | None:
        """Allocate a remoteStartId and record the request; None when the station is unknown."""

        return await allocate_station_id(
            station_id,
            RemoteStart,
            "remote_start_id",
            wanted.columns(now),
            lock_station=True,
            what="a remoteStartId",
        )

    async def record_answer(
        self, station_id: str, answer: RemoteStartAnswer, now: datetime
    ) -> None:
        """Store the station's answer. A request sent some other way (sendCall) has no row
        yet: it gets one now, so every remote start a station answered can be read back."""
        key: dict[str, Any] = {"station_id": station_id, "remote_start_id": answer.remote_start_id}
        answered: dict[str, Any] = {
            "status": answer.status,
            "transaction_id": answer.transaction_id,
            "answered_at": now,
        }
        if await RemoteStart.filter(**key).update(**answered):
            return
        await RemoteStart.create(**key, **answer.wanted.columns(now), **answered)

    async def was_requested(
        self, station_id: str, remote_start_id: int, id_token: str, id_token_type: str
    ) -> bool:
        """Whether a remote start with that id and token was recorded for the station."""
        return await RemoteStart.filter(
            station_id=station_id,
            remote_start_id=remote_start_id,
            id_token=id_token,
            id_token_type=id_token_type,
        ).exists()

    async def remote_starts(
        self, station_id: str, limit: int, before_row: int | None = None
    ) -> list[RemoteStartView]:
        """A page of remote starts; one query for the page, one for its transactions."""
        rows = await newest_first(RemoteStart.filter(station_id=station_id), limit, before_row)
        linked = await _started_transactions(station_id, rows)
        return [_view(row, linked.get(row.remote_start_id)) for row in rows]

    async def remote_start(self, station_id: str, remote_start_id: int) -> RemoteStartView | None:
        """The remote start, or None when there is none."""
        row = await RemoteStart.get_or_none(station_id=station_id, remote_start_id=remote_start_id)
        if row is None:
            return None
        linked = await _started_transactions(station_id, [row])
        return _view(row, linked.get(remote_start_id))
