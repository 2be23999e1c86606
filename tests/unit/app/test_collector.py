"""`csms run`'s collector policy: survivors of a fruitless collection (young or full) are
frozen, the whole heap is collected once it has grown, and young collections are
rarer than CPython's default."""

from __future__ import annotations

import asyncio
import gc
import sys
import weakref

import pytest

from app import collector
from app.collector import (
    FREEZE_BELOW,
    FULL_GROWTH,
    FULL_GROWTH_MAX,
    FULL_GROWTH_PERIODIC,
    GC_THRESHOLDS,
    SurvivorFreezer,
)


class Calls:
    def __init__(self) -> None:
        self.log: list[str] = []
        self.now = 0.0
        self.young_collections = 0
        self.heap = 100_000
        self.garbage = 0  # what the next whole-heap collection frees

    def freezer(self, full_every: float = 600.0) -> SurvivorFreezer:
        return SurvivorFreezer(
            full_every,
            freeze=lambda: self.log.append("freeze"),
            unfreeze=lambda: self.log.append("unfreeze"),
            clock=lambda: self.now,
            collect_young=self.collect_young,
            collect_all=self.collect_all,
            heap_size=lambda: self.heap,
        )

    def collect_young(self) -> None:
        self.young_collections += 1

    def collect_all(self) -> None:
        self.log.append("collect")
        self.heap -= self.garbage
        self.garbage = 0


def test_a_fruitless_full_collection_freezes_its_survivors_at_the_next_tick() -> None:
    calls = Calls()
    freezer = calls.freezer()
    freezer.on_collection("start", {"generation": 2})
    freezer.on_collection("stop", {"generation": 2, "collected": 0})
    assert calls.log == []  # never inside the collector
    freezer.tick()
    freezer.tick()
    assert calls.log == ["freeze"] and freezer.freezes == 1


def test_fruitful_collections_freeze_nothing() -> None:
    calls = Calls()
    freezer = calls.freezer()
    for generation in (0, 1, 2):
        freezer.on_collection("stop", {"generation": generation, "collected": FREEZE_BELOW})
    freezer.tick()
    assert calls.log == []


def test_a_fruitless_young_collection_freezes_its_survivors_too() -> None:
    """Else they wait in the middle generation, whose collection walked 300,000 objects."""
    calls = Calls()
    freezer = calls.freezer()
    freezer.on_collection("stop", {"generation": 0, "collected": 12})
    freezer.tick()
    freezer.on_collection("stop", {"generation": 1, "collected": 0})
    freezer.tick()
    assert calls.log == ["freeze", "freeze"] and freezer.freezes == 2


def test_every_tick_collects_the_young_generation_and_freezes_if_that_was_fruitless() -> None:
    """The young count nets out deallocations of old objects, so the threshold alone let the
    young list grow to 225,000 objects with 10,000 stations connected."""
    calls = Calls()
    fruitless = {"generation": 0, "collected": 3}

    def collect_young() -> None:
        calls.young_collections += 1
        freezer.on_collection("start", {"generation": 0})
        freezer.on_collection("stop", fruitless)

    freezer = SurvivorFreezer(
        600.0,
        freeze=lambda: calls.log.append("freeze"),
        unfreeze=lambda: calls.log.append("unfreeze"),
        clock=lambda: calls.now,
        collect_young=collect_young,
    )
    freezer.tick()
    fruitless["collected"] = FREEZE_BELOW
    freezer.tick()
    assert calls.young_collections == 2
    assert calls.log == ["freeze"]  # the second one freed enough: nothing frozen


def test_the_whole_heap_is_collected_once_it_grew_by_a_quarter() -> None:
    """Cycles among frozen objects are garbage no collection of a generation sees: before,
    each reconnect under churn left 12.5 KB that were never freed."""
    calls = Calls()
    freezer = calls.freezer()
    freezer.tick()  # the heap as start-up left it
    calls.heap += int(100_000 * FULL_GROWTH)
    freezer.tick()
    assert calls.log == []
    calls.heap += 1
    calls.garbage = 20_000
    freezer.tick()
    assert calls.log == ["unfreeze", "collect", "freeze"]
    assert freezer.full_collections == 1
    assert calls.young_collections == 2  # that tick collected the whole heap instead


def _growth_at_next_collection(calls: Calls, freezer: SurvivorFreezer, garbage: int) -> float:
    """Grow the heap until the freezer collects it whole (which frees `garbage`); by what share
    of itself it had grown then."""
    base = calls.heap
    calls.log.clear()
    calls.garbage = garbage
    while not calls.log:
        calls.heap += base // 1000
        freezer.tick()
    return (calls.heap - base) / base


def test_growth_found_alive_lets_the_next_collection_wait_longer_garbage_does_not() -> None:
    """A fleet connecting grows the heap with live objects: a whole-heap collection per quarter
    would bring back the ramp's pauses."""
    calls = Calls()
    freezer = calls.freezer()
    freezer.tick()
    alive = [_growth_at_next_collection(calls, freezer, garbage=0) for _ in range(4)]
    assert alive == pytest.approx(
        [FULL_GROWTH, 2 * FULL_GROWTH, FULL_GROWTH_MAX, FULL_GROWTH_MAX], abs=0.01
    )
    _growth_at_next_collection(calls, freezer, garbage=calls.heap // 2)
    assert _growth_at_next_collection(calls, freezer, garbage=0) == pytest.approx(
        FULL_GROWTH, abs=0.01
    )


def test_a_smaller_growth_is_collected_periodically() -> None:
    """A node that went idle after churn gives its garbage back within `full_every`."""
    calls = Calls()
    freezer = calls.freezer(full_every=600)
    freezer.tick()
    calls.heap += int(100_000 * FULL_GROWTH_PERIODIC) + 1000
    calls.now = 599.0
    freezer.tick()
    assert calls.log == []
    calls.now = 600.0
    freezer.tick()
    assert calls.log == ["unfreeze", "collect", "freeze"]
    calls.log.clear()
    calls.heap += int(calls.heap * FULL_GROWTH_PERIODIC) - 1000
    calls.now = 1300.0
    freezer.tick()  # less than that since: no collection
    assert calls.log == []


def test_cycles_among_really_frozen_objects_are_freed_by_the_whole_heap_collection() -> None:
    class Station:
        pass

    gc.collect()
    gc.freeze()
    try:
        freezer = SurvivorFreezer()
        freezer.tick()
        station = Station()
        station.self = station  # type: ignore[attr-defined]
        alive = weakref.ref(station)
        gc.freeze()
        del station
        gc.collect()
        assert alive() is not None  # frozen cyclic garbage outlives every collection ...
        grown: list[list[int]] = [[] for _ in range(sys.getallocatedblocks() // 3)]
        gc.freeze()
        freezer.tick()
        assert alive() is None  # ... until the heap has grown
        assert freezer.full_collections == 1
        del grown
    finally:
        gc.unfreeze()


async def test_the_running_freezer_listens_to_the_real_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(collector, "TICK_SECONDS", 0.01)
    calls = Calls()
    freezer = calls.freezer()
    task = asyncio.create_task(freezer.run())
    await asyncio.sleep(0)
    assert freezer.on_collection in gc.callbacks
    gc.collect()
    gc.collect()  # right after another one: frees next to nothing
    for _ in range(500):
        if calls.log:
            break
        await asyncio.sleep(0.01)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert calls.log == ["freeze"]
    assert freezer.on_collection not in gc.callbacks


def test_young_collections_are_rarer_than_the_default() -> None:
    assert GC_THRESHOLDS[0] > 700


def test_every_collection_is_timed_by_generation() -> None:
    calls = Calls()
    freezer = calls.freezer()
    for generation, seconds in ((0, 0.0005), (2, 0.3), (0, 0.002)):
        freezer.on_collection("start", {"generation": generation})
        calls.now += seconds
        freezer.on_collection("stop", {"generation": generation, "collected": 5000})

    snapshot = {label: (buckets, total) for label, buckets, total in freezer.pauses.snapshot()}
    young, full = snapshot["0"], snapshot["2"]
    assert dict(young[0])["0.001"] == 1 and dict(young[0])["0.005"] == 2
    assert dict(full[0])["0.25"] == 0 and dict(full[0])["0.5"] == 1
    assert abs(full[1] - 0.3) < 1e-9
    assert calls.log == []  # fruitful collections, nothing frozen
