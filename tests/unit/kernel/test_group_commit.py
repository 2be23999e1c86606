"""Group commit: shared transactions without per-unit savepoints unless a unit fails (then
the batch runs again with one savepoint per unit), replies only after COMMIT."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from modules.kernel.group_commit import GroupCommit


class FakeDatabase:
    """Records BEGIN/SAVEPOINT/COMMIT as a transaction factory would issue them."""

    def __init__(self, fail_commit: bool = False) -> None:
        self.log: list[str] = []
        self.depth = 0
        self.fail_commit = fail_commit

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        outer = self.depth == 0
        self.depth += 1
        self.log.append("BEGIN" if outer else "SAVEPOINT")
        try:
            yield
        except BaseException:
            self.log.append("ROLLBACK" if outer else "ROLLBACK TO")
            raise
        finally:
            self.depth -= 1
        if outer:
            if self.fail_commit:
                self.log.append("COMMIT FAILED")
                raise RuntimeError("disk full")
            self.log.append("COMMIT")
        else:
            self.log.append("RELEASE")


def unit(db: FakeDatabase, name: str, fail: bool = False) -> Any:
    async def work() -> str:
        db.log.append(f"work {name}")
        if fail:
            raise ValueError(f"{name} failed")
        return name

    return work


async def test_units_within_the_window_share_one_commit() -> None:
    db = FakeDatabase()
    group = GroupCommit(window=0.01, max_batch=100, transaction=db.transaction)
    results = await asyncio.gather(*(group.run(unit(db, str(i))) for i in range(5)))
    assert results == ["0", "1", "2", "3", "4"]
    assert db.log == ["BEGIN", *(f"work {i}" for i in range(5)), "COMMIT"]
    assert (group.batches, group.units, group.retried_batches) == (1, 5, 0)


async def test_a_failing_unit_rolls_back_alone_and_gets_its_own_error() -> None:
    db = FakeDatabase()
    group = GroupCommit(window=0.01, max_batch=100, transaction=db.transaction)
    results = await asyncio.gather(
        group.run(unit(db, "a")),
        group.run(unit(db, "b", fail=True)),
        group.run(unit(db, "c")),
        return_exceptions=True,
    )
    assert results[0] == "a" and results[2] == "c"
    assert isinstance(results[1], ValueError)
    # the first attempt, all together, is rolled back whole at b's failure; the batch then
    # runs again with a savepoint per unit, and only b's is rolled back
    assert db.log == [
        "BEGIN", "work a", "work b", "ROLLBACK",
        "BEGIN",
        "SAVEPOINT", "work a", "RELEASE",
        "SAVEPOINT", "work b", "ROLLBACK TO",
        "SAVEPOINT", "work c", "RELEASE",
        "COMMIT",
    ]  # fmt: skip
    assert (group.batches, group.units, group.retried_batches) == (1, 3, 1)


async def test_callers_resume_only_after_the_commit() -> None:
    db = FakeDatabase()
    group = GroupCommit(window=0.01, max_batch=100, transaction=db.transaction)
    seen_at_resume: list[list[str]] = []

    async def caller(name: str) -> None:
        await group.run(unit(db, name))
        seen_at_resume.append(list(db.log))

    await asyncio.gather(caller("a"), caller("b"))
    assert all(log[-1] == "COMMIT" for log in seen_at_resume)


async def test_a_failed_commit_fails_every_unit_of_the_batch() -> None:
    db = FakeDatabase(fail_commit=True)
    group = GroupCommit(window=0.01, max_batch=100, transaction=db.transaction)
    results = await asyncio.gather(
        group.run(unit(db, "a")), group.run(unit(db, "b")), return_exceptions=True
    )
    assert all(isinstance(r, RuntimeError) for r in results)


async def test_a_failed_commit_is_retried_with_savepoints_before_failing_the_units() -> None:
    db = FakeDatabase(fail_commit=True)
    group = GroupCommit(window=0.01, max_batch=100, transaction=db.transaction)
    await asyncio.gather(group.run(unit(db, "a")), return_exceptions=True)
    assert db.log.count("COMMIT FAILED") == 2
    assert db.log.count("SAVEPOINT") == 1


async def test_a_full_batch_commits_without_waiting_for_the_window() -> None:
    db = FakeDatabase()
    group = GroupCommit(window=3600, max_batch=3, transaction=db.transaction)
    results = await asyncio.wait_for(
        asyncio.gather(*(group.run(unit(db, str(i))) for i in range(3))), timeout=30
    )
    assert results == ["0", "1", "2"]
    assert db.log.count("COMMIT") == 1


async def test_later_units_open_a_new_batch() -> None:
    db = FakeDatabase()
    group = GroupCommit(window=0.005, max_batch=100, transaction=db.transaction)
    await group.run(unit(db, "first"))
    await group.run(unit(db, "second"))
    assert db.log.count("COMMIT") == 2


def test_a_zero_window_is_refused() -> None:
    with pytest.raises(ValueError):
        GroupCommit(window=0, max_batch=1, transaction=FakeDatabase().transaction)
