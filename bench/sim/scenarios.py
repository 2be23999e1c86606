"""The scenarios, and `run()`: start the fleet, drive the scenario, stop, build the report.

* steady: every station behaves normally (boot, statuses, heartbeats, the charging fraction
  runs sessions) for `duration` seconds; the window is the whole run.
* heartbeat-flood: stations boot (no statuses, no sessions); once all are Accepted (or after
  `boot_timeout`) each one sends Heartbeats back to back, one in flight, for `duration`
  seconds; the window starts with the flood.
* reconnect-storm: all stations boot (statuses and heartbeats, no sessions); once all are
  Accepted every connection is cut at once (socket shutdown, no close handshake); when all
  are down they reconnect and boot at the same moment; the result is the time from that
  moment until all are Accepted again, plus the distribution per station.
* remote-start-burst: stations boot and idle (no sessions of their own) for `duration`
  seconds, answering RequestStartTransaction with a session; the operator sends the burst.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from bench.sim import report
from bench.sim.config import SimConfig
from bench.sim.fleet import Fleet
from bench.sim.stats import LatencyRecorder
from modules.kernel.schemas import preload

Scenario = Callable[[Fleet, asyncio.Event | None], Awaitable[dict[str, Any] | None]]


async def _hold(seconds: float, stop: asyncio.Event | None) -> None:
    """Wait `seconds`, or less if `stop` is set."""
    if stop is None:
        await asyncio.sleep(seconds)
        return
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await stop.wait()


async def steady(fleet: Fleet, stop: asyncio.Event | None) -> dict[str, Any] | None:
    """The normal behaviour for `duration` seconds."""
    await _hold(fleet.config.duration, stop)
    return None


async def remote_start_burst(fleet: Fleet, stop: asyncio.Event | None) -> dict[str, Any] | None:
    """Idle stations for `duration` seconds; they start sessions when the CSMS asks."""
    await _hold(fleet.config.duration, stop)
    calls = fleet.stats.csms_calls.get("RequestStartTransaction")
    started = fleet.stats.actions.get("TransactionEvent")
    return {
        "request_start_received": calls.received if calls else 0,
        "request_start_accepted": calls.results if calls else 0,
        "transaction_events_sent": started.sent if started else 0,
    }


async def heartbeat_flood(fleet: Fleet, stop: asyncio.Event | None) -> dict[str, Any] | None:
    """Boot all, then closed-loop Heartbeats from every station for `duration` seconds."""
    config = fleet.config
    all_booted = await fleet.wait_all_accepted(config.boot_timeout)
    loop = asyncio.get_running_loop()
    fleet.window.start = loop.time()
    fleet.flooding = True
    fleet.kick_all()
    await _hold(config.duration, stop)
    return {"all_booted_before_flood": all_booted, "flooding_stations": fleet.accepted}


async def reconnect_storm(fleet: Fleet, stop: asyncio.Event | None) -> dict[str, Any] | None:
    """Boot all, cut all connections at once, reconnect all at once, time the re-acceptance."""
    config = fleet.config
    loop = asyncio.get_running_loop()
    all_booted = await fleet.wait_all_accepted(config.boot_timeout)
    settled = await fleet.wait_idle(config.boot_timeout)
    accepted_before = fleet.accepted
    fleet.reconnect_gate = gate = asyncio.Event()
    fleet.drop_generation += 1
    fleet.kick_all()
    all_down = await fleet.wait_none_connected(config.connect_timeout)
    failures_before = fleet.stats.connections.failed
    fleet.storm_latency = LatencyRecorder(config.sample_cap, config.seed)
    fleet.storm_started_at = started = loop.time()
    gate.set()
    all_back = await fleet.wait_all_accepted(config.storm_timeout)
    last_accepted_at = fleet.last_accepted_at
    fleet.storm_started_at = None
    settled_after = await fleet.wait_idle(config.storm_timeout)
    result: dict[str, Any] = {
        "all_accepted_before_drop": all_booted,
        "settled_before_drop": settled,
        "accepted_before_drop": accepted_before,
        "all_down_before_reconnect": all_down,
        "accepted_again": fleet.accepted,
        "time_to_all_accepted_s": round(last_accepted_at - started, 3) if all_back else None,
        "gave_up_after_s": None if all_back else config.storm_timeout,
        "settled_after_reconnect": settled_after,
        "connect_failures_during_storm": fleet.stats.connections.failed - failures_before,
        "time_to_accepted_ms": report.latency_json(fleet.storm_latency),
    }
    return result


SCENARIOS: dict[str, Scenario] = {
    "steady": steady,
    "heartbeat-flood": heartbeat_flood,
    "reconnect-storm": reconnect_storm,
    "remote-start-burst": remote_start_burst,
}


async def _progress(fleet: Fleet, started: float, timeline: list[int], show: bool) -> None:
    """Once a second: note the answers of the last second; print the progress line if asked."""
    loop = asyncio.get_running_loop()
    stats = fleet.stats
    last = stats.answered_total
    tick = started
    while True:
        tick += 1.0
        await asyncio.sleep(max(0.0, tick - loop.time()))
        answered = stats.answered_total
        timeline.append(answered - last)
        last = answered
        if show:
            line = report.progress_line(
                loop.time() - started,
                stats,
                len(fleet.stations),
                fleet.connected,
                fleet.accepted,
                timeline[-1],
            )
            end = "\r" if sys.stderr.isatty() else "\n"
            sys.stderr.write(line + end)
            sys.stderr.flush()


async def run(
    config: SimConfig,
    *,
    stop: asyncio.Event | None = None,
    on_start: Callable[[Fleet], None] | None = None,
) -> dict[str, Any]:
    """Run the configured scenario and return its report (`stop` ends it early)."""
    preload()
    scenario = SCENARIOS[config.scenario]
    loop = asyncio.get_running_loop()
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=None)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        fleet = Fleet(
            config,
            session,
            own_sessions=config.scenario == "steady",
            flood_mode=config.scenario == "heartbeat-flood",
        )
        timeline: list[int] = []
        cpu_before = time.process_time()
        started = fleet.window.start = loop.time()
        if config.measure_after is not None:
            fleet.steady_from = started + config.measure_after
        fleet.start()
        if on_start is not None:
            on_start(fleet)
        ticker = asyncio.create_task(_progress(fleet, started, timeline, config.progress))
        try:
            result = await scenario(fleet, stop)
        finally:
            fleet.window.end = loop.time()
            await fleet.stop()
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
        wall = loop.time() - started
        cpu = time.process_time() - cpu_before
    if config.progress and sys.stderr.isatty():
        sys.stderr.write("\n")
    return report.build(
        config,
        fleet.stats,
        window_s=fleet.window.end - fleet.window.start,
        wall_s=wall,
        cpu_s=cpu,
        max_connected=fleet.max_connected,
        connected_at_end=fleet.connected,
        per_second=timeline,
        scenario=result,
    )
