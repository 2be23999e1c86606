"""Group commit on a real database: one COMMIT for the batch, a failing unit's writes rolled
back to its savepoint while its neighbours' are kept (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import functools

from infra.db.models import Station
from infra.db.unit_of_work import transaction
from modules.kernel.group_commit import GroupCommit


async def _create(station_id: str, fail: bool = False) -> str:
    await Station.create(id=station_id)
    if fail:
        raise ValueError(f"{station_id} refused after its write")
    return station_id


async def test_failing_unit_is_rolled_back_alone(opened_database: str) -> None:
    group = GroupCommit(window=0.02, max_batch=100, transaction=transaction)
    results = await asyncio.gather(
        group.run(lambda: _create("GC-1")),
        group.run(lambda: _create("GC-2", fail=True)),
        group.run(lambda: _create("GC-3")),
        return_exceptions=True,
    )
    assert results[0] == "GC-1" and results[2] == "GC-3"
    assert isinstance(results[1], ValueError)
    stored = await Station.filter(id__startswith="GC-").order_by("id")
    assert [row.id for row in stored] == ["GC-1", "GC-3"]
    assert group.batches == 1 and group.units == 3


async def test_units_committed_in_one_batch_are_all_visible(opened_database: str) -> None:
    group = GroupCommit(window=0.02, max_batch=50, transaction=transaction)
    ids = [f"GB-{i:03d}" for i in range(120)]
    await asyncio.gather(*(group.run(functools.partial(_create, i)) for i in ids))
    assert await Station.filter(id__startswith="GB-").count() == 120
    assert group.batches >= 3
