"""The garbage collector of a `csms run` process: fewer young collections, and collections
that do not walk the fleet's long-lived objects again and again.

A node holding 10,000 stations has a heap of about 350 MB of objects that live as long as the
stations stay connected. CPython runs a full collection each time that long-lived set has grown
by a quarter, and each one walked all of it: pauses of 250-720 ms every 8 s while a fleet
connected, every station on the node waiting through them. After a full collection that freed
(almost) nothing, the survivors are frozen (`gc.freeze`): later full collections walk only what
came after. Frozen objects are still freed by reference counting; only cycles among them wait,
until every `unfreeze_every` seconds everything is handed back (`gc.unfreeze`) and the next full
collection looks at the whole heap once.

Young collections are treated alike. What survives a young collection waits in the middle
generation until that one is collected, every 20 young collections: with a fleet connecting,
that was 260,000-300,000 objects (the newest stations' sockets, requests and tasks) and pauses
of 180-240 ms every 25 s, the largest stalls left in a steady fleet. Freezing the survivors of
each fruitless young collection keeps the middle generation (nearly) empty. The young
generation itself is collected every tick as well (see `tick`): its threshold alone let it grow
to 225,000 objects.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections.abc import Callable
from typing import Any

from app.metrics import LatencyHistogram

GC_THRESHOLDS = (20_000, 20, 20)
"""Young collections every 20,000 allocations instead of 700: a node allocates short-lived
objects per message, and with the default the collector ran several times per request."""

FREEZE_BELOW = 1000
"""A full collection that freed fewer objects than this found the heap (almost) all alive."""

TICK_SECONDS = 1.0
"""How often the freezer runs its young collection and checks whether to freeze or unfreeze."""

PAUSE_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
"""Seconds; a young collection takes about a millisecond, a full one of a fleet's heap 0.5 s."""


class SurvivorFreezer:
    """Freezes what survives a fruitless collection; unfreezes everything periodically; times
    every collection (`pauses`, by generation: the event loop stands still meanwhile)."""

    def __init__(
        self,
        unfreeze_every: float = 600.0,
        freeze: Callable[[], None] = gc.freeze,
        unfreeze: Callable[[], None] = gc.unfreeze,
        clock: Callable[[], float] = time.monotonic,
        collect_young: Callable[[], object] = lambda: gc.collect(0),
    ) -> None:
        self._unfreeze_every = unfreeze_every
        self._collect_young = collect_young
        self._freeze = freeze
        self._unfreeze = unfreeze
        self._clock = clock
        self._due = False
        self._unfrozen_at = clock()
        self._started = 0.0
        self.freezes = 0
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
        """Collect the young generation; freeze if that or any collection since the last tick
        was fruitless; unfreeze everything when it is time."""
        if self._clock() - self._unfrozen_at >= self._unfreeze_every:
            self._unfreeze()
            self._unfrozen_at = self._clock()
            self._due = False
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
