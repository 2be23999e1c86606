"""The garbage collector of a `csms run` process: fewer young collections, and collections
that do not walk the fleet's long-lived objects again and again, with memory given back.

A node holding 10,000 stations has a heap of about 350 MB of objects that live as long as the
stations stay connected. CPython runs a full collection each time that long-lived set has grown
by a quarter, and each one walked all of it: pauses of 250-720 ms every 8 s while a fleet
connected, every station on the node waiting through them. After a collection that freed
(almost) nothing, the survivors are frozen (`gc.freeze`): later collections walk only what came
after. What survives a young collection would otherwise wait in the middle generation until that
one is collected, every 20 young collections: with a fleet connecting, that was 260,000-300,000
objects (the newest stations' sockets, requests and tasks) and pauses of 180-240 ms every 25 s.
The young generation itself is collected every tick as well (see `tick`): its threshold alone
let it grow to 225,000 objects.

Frozen objects are still freed by reference counting, but garbage in reference cycles among
them is not: it waits for a collection of the whole heap. Without one, every reconnect left its
aiohttp request, response and transport behind (12.5 KB each, a station dropped mid-frame
35-68 KB: RSS grew without end under reconnect churn). So the heap is watched (the blocks
Python's allocator holds, `sys.getallocatedblocks`, a fraction of a millisecond where
`gc.get_freeze_count` walks every frozen object, 43 ms for 3 million): once it has grown by
`FULL_GROWTH` of itself since the last whole-heap collection, everything is unfrozen, collected
once, and what is left frozen again, CPython's own rule for full collections. A collection that
found the growth alive (a fleet connecting) lets the next one wait for twice the growth, up to
`FULL_GROWTH_MAX`, so a ramp to 10,000 stations costs a handful of whole-heap collections, not
one per quarter; one that found garbage goes back to `FULL_GROWTH`. Every `full_every` seconds
a smaller growth is enough, so a node that went idle after churn gives its garbage back too.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import sys
import time
from collections.abc import Callable
from typing import Any

from app.metrics import LatencyHistogram

log = logging.getLogger(__name__)

GC_THRESHOLDS = (20_000, 20, 20)
"""Young collections every 20,000 allocations instead of 700: a node allocates short-lived
objects per message, and with the default the collector ran several times per request."""

FREEZE_BELOW = 1000
"""A collection that freed fewer objects than this found the heap (almost) all alive."""

TICK_SECONDS = 1.0
"""How often the freezer runs its young collection and checks whether to freeze or collect."""

FULL_GROWTH = 0.25
"""The heap may grow by this share of itself before the whole heap is collected."""

FULL_GROWTH_MAX = 1.0
"""The most it may grow when the collections before found the growth alive."""

FULL_GROWTH_PERIODIC = 0.05
"""Growth enough for the periodic whole-heap collection (every `full_every` seconds)."""

ALIVE_SHARE = 0.1
"""A whole-heap collection that shrank the heap by less than this share found the growth alive:
the next one waits for twice the growth."""

PAUSE_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
"""Seconds; a young collection takes about a millisecond, a full one of a fleet's heap 0.5 s."""


class SurvivorFreezer:
    """Freezes what survives a fruitless collection; collects the whole heap when the heap has
    grown (`full_collections`); times every collection (`pauses`, by generation: the event
    loop stands still meanwhile)."""

    def __init__(
        self,
        full_every: float = 600.0,
        freeze: Callable[[], None] = gc.freeze,
        unfreeze: Callable[[], None] = gc.unfreeze,
        clock: Callable[[], float] = time.monotonic,
        collect_young: Callable[[], object] = lambda: gc.collect(0),
        collect_all: Callable[[], object] = gc.collect,
        heap_size: Callable[[], int] = sys.getallocatedblocks,
    ) -> None:
        self._full_every = full_every
        self._collect_young = collect_young
        self._collect_all = collect_all
        self._heap_size = heap_size
        self._freeze = freeze
        self._unfreeze = unfreeze
        self._clock = clock
        self._due = False
        self._base: int | None = None  # the heap after the last whole-heap collection
        self._growth = FULL_GROWTH
        self._full_at = clock()
        self._started = 0.0
        self.freezes = 0
        self.full_collections = 0
        self.pauses = LatencyHistogram(PAUSE_BUCKETS)

    def on_collection(self, phase: str, info: dict[str, Any]) -> None:
        """A `gc.callbacks` entry: note a fruitless collection of any generation (acted on at
        the next tick, outside the collector)."""
        if phase == "start":
            self._started = self._clock()
            return
        self.pauses.observe(str(info.get("generation")), self._clock() - self._started)
        if info.get("collected", 0) < FREEZE_BELOW:
            self._due = True

    def tick(self) -> None:
        """Collect the whole heap if it has grown enough; else collect the young generation
        and freeze if that or any collection since the last tick was fruitless."""
        size = self._heap_size()
        if self._base is None:
            self._base = size
        if self._full_due(size - self._base):
            self._collect_everything(size)
            return
        # CPython counts young objects as allocations minus deallocations of any object:
        # while a fleet frees old objects as fast as it makes new long-lived ones, the count
        # stays under the threshold and the young list grows. With 10,000 stations it held
        # 225,000 objects when the threshold finally fired, a 158 ms pause. A collection
        # every tick walks one second's survivors.
        self._collect_young()
        if self._due:
            self._freeze()
            self._due = False
            self.freezes += 1

    def _full_due(self, growth: int) -> bool:
        base = max(self._base or 0, 1)
        if growth > base * self._growth:
            return True
        periodic = self._clock() - self._full_at >= self._full_every
        return periodic and growth > base * FULL_GROWTH_PERIODIC

    def _collect_everything(self, size: int) -> None:
        """Unfreeze, collect the whole heap once (cycles among frozen objects included),
        freeze what is left."""
        began = self._clock()
        self._unfreeze()
        self._collect_all()
        self._freeze()
        self._due = False
        self.full_collections += 1
        self._full_at = self._clock()
        self._base = self._heap_size()
        log.info(
            "collected the whole heap in %.0f ms: %d -> %d allocator blocks",
            (self._full_at - began) * 1000,
            size,
            self._base,
        )
        if size - self._base < size * ALIVE_SHARE:
            self._growth = min(self._growth * 2, FULL_GROWTH_MAX)
        else:
            self._growth = FULL_GROWTH

    async def run(self) -> None:
        """Tick every TICK_SECONDS, listening to the collector, until cancelled."""
        gc.callbacks.append(self.on_collection)
        try:
            while True:
                await asyncio.sleep(TICK_SECONDS)
                self.tick()
        finally:
            with contextlib.suppress(ValueError):
                gc.callbacks.remove(self.on_collection)
