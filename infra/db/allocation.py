"""Per-station ids the CSMS allocates (report request ids, remoteStartIds): one more than the
highest the station's rows use, written in the same transaction.

Two allocations for one station may pick the same id; the table's unique (station, id)
constraint turns the loser's INSERT into an IntegrityError, and it tries again. With
`lock_station`, allocations for one station first queue on its row lock (PostgreSQL; SQLite
runs one write transaction at a time anyway), so such a retry is rare.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from infra.db.models import Station

ALLOCATION_ATTEMPTS = 5


async def _station_known(station_id: str, lock_station: bool) -> bool:
    if lock_station:
        return await Station.filter(id=station_id).select_for_update().first() is not None
    return bool(await Station.exists(id=station_id))


async def allocate_station_id(
    station_id: str,
    model: type[Model],
    column: str,
    values: Mapping[str, Any],
    *,
    lock_station: bool,
    what: str,
) -> int | None:
    """The next `column` value among the station's `model` rows (`what`, as errors name it),
    stored in a new row with `values`; None when the station is unknown. Retried on a
    unique-constraint violation."""
    for _ in range(ALLOCATION_ATTEMPTS):
        try:
            async with in_transaction():
                if not await _station_known(station_id, lock_station):
                    return None
                last = (
                    await model.filter(station_id=station_id)
                    .order_by(f"-{column}")
                    .first()
                    .values_list(column, flat=True)
                )
                allocated = int(last) + 1 if isinstance(last, int) else 1
                columns: dict[str, Any] = {"station_id": station_id, column: allocated}
                await model.create(**columns, **values)
                return allocated
        except IntegrityError:
            continue
    raise RuntimeError(f"could not allocate {what} for {station_id}")
