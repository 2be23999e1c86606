"""Node liveness (issue 20 item 1): every node keeps a short-lived key in the shared cache
(`node-alive:<node id>`, refreshed every second, gone 5 s after its node stops refreshing
it). A command for a station whose directory entry names a node without that key is answered
OFFLINE instead of waiting for its timeout, and the sweep, which every node runs, hands the
worker a DISCONNECTED for every station the database still shows online on a dead node (the
same lifecycle path a closing socket takes, so every block's disconnect handling runs, once:
the provisioning store ignores a disconnect of a connection that is no longer current, so a
station handed several, by two nodes sweeping at once or by a second sweep before a worker
got to the first, yields one DISCONNECTED event).

A dead node is seen dead at the earliest `ALIVE_TTL_SECONDS - BEAT_SECONDS` after it stopped,
by when no long-polling pull of it is left on the bus (`infra/bus/pubsub_consumer.py`,
`PULL_SECONDS`): a DISCONNECTED the sweep publishes goes to a live worker, not to a pull the
dead node left behind, where it would sit out its ack deadline with the station's later
messages queued behind it. It still waits behind whatever of the station the dead worker held
unacknowledged, which comes back within the ack deadline (10 s)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection

from modules.kernel import topics
from modules.kernel.envelope import Envelope, Kind
from modules.kernel.ports import Bus, Cache

log = logging.getLogger(__name__)

ALIVE_PREFIX = "node-alive:"
BEAT_SECONDS = 1.0
"""How often a node refreshes its key."""
ALIVE_TTL_SECONDS = 5.0
"""How long a node's key outlives its last refresh: a node is dead this long after it stopped."""
SWEEP_SECONDS = 5.0
"""How often every node looks for stations left online on dead nodes."""

ConnectionsByNode = Callable[[], Awaitable[dict[str, list[tuple[str, str]]]]]
HeldConnections = Callable[[], Collection[tuple[str, str]]]
"""(station, connection id) of each socket this node holds now."""


def _key(node_id: str) -> str:
    return ALIVE_PREFIX + node_id


class NodeLiveness:
    """This node's heartbeat in the shared cache, and the question whether another is alive."""

    def __init__(self, cache: Cache, node_id: str) -> None:
        self._cache = cache
        self.node_id = node_id
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Say this node is alive, and keep saying it."""
        await self._beat()
        self._task = asyncio.create_task(self._run(), name="node-liveness")

    async def stop(self) -> None:
        """Stop the heartbeat and remove the key: the node is gone from now on."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        with contextlib.suppress(Exception):
            await self._cache.delete(_key(self.node_id))

    async def alive(self, node_id: str) -> bool:
        """Whether `node_id` refreshed its key within the last `ALIVE_TTL_SECONDS`."""
        return node_id == self.node_id or await self._cache.get(_key(node_id)) is not None

    async def _beat(self) -> None:
        await self._cache.set(_key(self.node_id), "1", ttl=ALIVE_TTL_SECONDS)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(BEAT_SECONDS)
            try:
                await self._beat()
            except Exception:
                log.warning("could not refresh this node's liveness key", exc_info=True)


class DeadNodeSweep:
    """Every `SWEEP_SECONDS` (and once at start): the stations online on a dead node get a
    DISCONNECTED through the workers, and the dead node's own subscriptions are deleted. With
    `held` (this node's live sockets), the stations the database shows online on this node
    without a socket here get one too: their disconnect was lost on the way (a lifecycle
    message the bus gave up on during a database outage)."""

    def __init__(
        self,
        liveness: NodeLiveness,
        connections: ConnectionsByNode,
        bus: Bus,
        held: HeldConnections | None = None,
    ) -> None:
        self._liveness = liveness
        self._connections = connections
        self._bus = bus
        self._held = held
        self._task: asyncio.Task[None] | None = None
        self.swept_stations = 0

    async def start(self) -> None:
        """Sweep now, this node's own earlier run included (a restarted node with a stable
        id finds what it left online; it holds no socket yet), then keep sweeping."""
        await self._sweep_logged(include_own=True)
        self._task = asyncio.create_task(self._run(), name="dead-node-sweep")

    async def stop(self) -> None:
        """Stop sweeping."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def sweep(self, include_own: bool = False) -> int:
        """One sweep; the number of stations handed a DISCONNECTED."""
        swept = 0
        for node_id, listed in (await self._connections()).items():
            own = node_id == self._liveness.node_id
            stations = listed
            if own and not include_own:
                # a socket this node holds is live; the rest lost their disconnect
                live = set(self._held()) if self._held is not None else set(listed)
                stations = [held for held in listed if held not in live]
                if not stations:
                    continue
            elif not own and await self._liveness.alive(node_id):
                continue
            for station_id, connection_id in stations:
                envelope = Envelope(
                    kind=Kind.DISCONNECTED,
                    station_id=station_id,
                    node_id=node_id,
                    connection_id=connection_id,
                    reply_to=self._liveness.node_id,
                )
                await self._bus.publish(
                    topics.STATION_CALLS, envelope.to_bytes(), ordering_key=station_id
                )
                swept += 1
            if own and not include_own:
                log.warning(
                    "%d stations shown online on this node hold no socket here: handed a "
                    "DISCONNECTED",
                    len(stations),
                )
                continue
            log.warning(
                "node %s is gone: %d stations handed a DISCONNECTED", node_id, len(stations)
            )
            if own:
                continue
            for subscription in (
                topics.node_topic(node_id),
                topics.node_events_subscription(node_id),
            ):
                with contextlib.suppress(Exception):
                    await self._bus.delete_subscription(subscription)
        self.swept_stations += swept
        return swept

    async def _sweep_logged(self, include_own: bool = False) -> None:
        try:
            await self.sweep(include_own)
        except Exception:
            log.warning("dead-node sweep failed", exc_info=True)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(SWEEP_SECONDS)
            await self._sweep_logged()
