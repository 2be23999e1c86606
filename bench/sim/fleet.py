"""The fleet: every simulated station plus the state they share (counters, phase signals)."""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
from dataclasses import dataclass

import aiohttp

from bench.sim.config import SimConfig
from bench.sim.device_model import build_template
from bench.sim.station import DEFAULT_INTERVAL, Station
from bench.sim.stats import FleetStats, LatencyRecorder

MAX_BACKOFF = 60.0
STOP_GRACE = 10.0


@dataclass(slots=True)
class Window:
    """The measured window of a run (event-loop time)."""

    start: float = 0.0
    end: float = 0.0


class Fleet:
    """N stations sharing one HTTP session, one statistics object and the scenario's signals."""

    def __init__(
        self,
        config: SimConfig,
        session: aiohttp.ClientSession,
        *,
        own_sessions: bool = True,
        flood_mode: bool = False,
    ) -> None:
        self.config = config
        self.session = session
        self.own_sessions = own_sessions
        self.flood_mode = flood_mode
        self.flooding = False
        self.window = Window()
        self.stopping = False
        self.drop_generation = 0
        self.reconnect_gate: asyncio.Event | None = None
        self.stats = FleetStats(
            sample_cap=config.sample_cap,
            seed=config.seed,
            keep_steady=config.measure_after is not None,
        )
        self.steady_from = math.inf
        """Loop time from which round trips also count as steady (`--measure-after`)."""
        self.ws_timeout = aiohttp.ClientWSTimeout(ws_receive=None, ws_close=5.0)
        self.template = build_template(
            config.evses,
            config.connectors_per_evse,
            config.vendor,
            config.model,
            round(config.heartbeat_interval or DEFAULT_INTERVAL),
            round(config.meter_interval),
        )
        self.connected = 0
        self.max_connected = 0
        self.accepted = 0
        self.storm_started_at: float | None = None
        self.storm_latency: LatencyRecorder | None = None
        self.last_accepted_at = 0.0
        self._accept_target = 0
        self._all_accepted = asyncio.Event()
        self._none_connected = asyncio.Event()
        self._rng = random.Random(config.seed)
        self.stations = [Station(self, i) for i in range(config.stations)]
        self.tasks: list[asyncio.Task[None]] = []

    def auth(self, station_id: str) -> aiohttp.BasicAuth | None:
        """HTTP Basic credentials of a station (None without `--password`)."""
        password = self.config.password
        return aiohttp.BasicAuth(station_id, password) if password else None

    def start_delay(self, index: int) -> float:
        """When station `index` first connects: spread evenly over the ramp."""
        return self.config.ramp_seconds * index / self.config.stations

    def first_session_delay(self) -> float:
        """Seconds from a boot's acceptance to the station's first session (--session-spread)."""
        spread = self.config.session_spread
        return self._rng.uniform(0.0, spread) if spread > 0 else 0.0

    def backoff(self, failures: int) -> float:
        """Seconds before reconnecting after `failures` failures in a row (with jitter)."""
        base: float = min(MAX_BACKOFF, self.config.reconnect_delay * 2.0 ** (failures - 1))
        return base * self._rng.uniform(0.5, 1.5)

    def start(self) -> None:
        """Start one task per station."""
        self.tasks = [asyncio.create_task(s.run(), name=s.id) for s in self.stations]

    def kick_all(self) -> None:
        """Wake every station so that it acts on a changed signal now."""
        for station in self.stations:
            station.kick()

    # ---- counters the stations keep up to date ----------------------------------------------

    def on_connected(self) -> None:
        """A station's websocket opened."""
        self.connected += 1
        self.max_connected = max(self.max_connected, self.connected)
        self._none_connected.clear()

    def on_disconnected(self, was_accepted: bool) -> None:
        """A station's websocket closed."""
        self.connected -= 1
        if was_accepted:
            self.accepted -= 1
        if self.connected == 0:
            self._none_connected.set()

    def on_accepted(self, now: float) -> None:
        """A station's BootNotification was Accepted."""
        self.accepted += 1
        self.last_accepted_at = now
        if self.storm_started_at is not None and self.storm_latency is not None:
            self.storm_latency.add(now - self.storm_started_at)
        if self._accept_target and self.accepted >= self._accept_target:
            self._all_accepted.set()

    async def wait_all_accepted(self, timeout: float) -> bool:
        """Wait until every station is Accepted at once; False after `timeout` seconds."""
        self._accept_target = len(self.stations)
        if self.accepted >= self._accept_target:
            return True
        return await _cleared_then_set(self._all_accepted, timeout)

    async def wait_none_connected(self, timeout: float) -> bool:
        """Wait until no station is connected; False after `timeout` seconds."""
        if self.connected == 0:
            return True
        return await _cleared_then_set(self._none_connected, timeout)

    async def wait_idle(self, timeout: float, poll: float = 0.05) -> bool:
        """Wait until every connected station has nothing queued or outstanding (polled)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not all(s.idle for s in self.stations if s.ws is not None):
            if loop.time() >= deadline:
                return False
            await asyncio.sleep(poll)
        return True

    async def stop(self) -> None:
        """Stop gracefully: no new CALLs, let outstanding ones be answered, close every socket."""
        self.stopping = True
        if self.reconnect_gate is not None:
            self.reconnect_gate.set()
        self.kick_all()
        if not self.tasks:
            return
        grace = self.config.call_timeout + self.config.connect_timeout + STOP_GRACE
        _, pending = await asyncio.wait(self.tasks, timeout=grace)
        for task in pending:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*pending, return_exceptions=True)


async def _cleared_then_set(event: asyncio.Event, timeout: float) -> bool:
    """Clear `event` and wait until it is set again; False after `timeout` seconds."""
    event.clear()
    try:
        async with asyncio.timeout(timeout):
            await event.wait()
    except TimeoutError:
        return False
    return True
