"""`csms-sim`: simulate a fleet of OCPP 2.0.1 charging stations against any CSMS."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import signal
import sys
from pathlib import Path
from typing import Any

import orjson

from app.collector import GC_THRESHOLDS, SurvivorFreezer
from bench.sim import report, scenarios
from bench.sim.config import SCENARIOS, SimConfig

EPILOG = """\
scenarios:
  steady              boot, statuses, heartbeats; --charging-fraction of the stations run
                      sessions (Authorize, TransactionEvent Started/Updated/Ended)
  heartbeat-flood     boot, then closed-loop Heartbeats from every station
  reconnect-storm     boot all, cut all connections at once, reconnect and boot all at once;
                      reports the time until all are Accepted again
  remote-start-burst  stations idle; the operator has the CSMS send RequestStartTransaction
                      (see bench/sim/README.md)
"""


def parser() -> argparse.ArgumentParser:
    """The command-line parser."""
    p = argparse.ArgumentParser(
        prog="csms-sim",
        description=__doc__,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = p.add_argument
    add("--url", required=True, help="ws://host:port/ocpp (the station id is appended)")
    add("--stations", type=int, default=1, help="number of stations (default 1)")
    add("--scenario", choices=SCENARIOS, default="steady")
    add("--id-prefix", default="SIM-", help="station id prefix (default SIM-)")
    add("--first-index", type=int, default=1, help="index of the first station (default 1)")
    add("--evses", type=int, default=1, help="EVSEs per station (default 1)")
    add("--connectors-per-evse", type=int, default=1, help="connectors per EVSE (default 1)")
    add("--password", help="HTTP Basic password (user = station id) for every station")
    add("--duration", type=float, default=60.0, help="seconds of steady/flood/burst (default 60)")
    add("--ramp-seconds", type=float, default=0.0, help="spread first connections over this")
    add("--heartbeat-interval", type=float, help="seconds; overrides the CSMS's interval")
    add("--charging-fraction", type=float, default=0.2, help="share of stations charging (0.2)")
    add("--meter-interval", type=float, default=15.0, help="seconds between meter values (15)")
    add("--session-seconds", type=float, default=0.0, help="end sessions after this (0 = never)")
    add("--idle-seconds", type=float, default=10.0, help="pause between sessions (default 10)")
    add(
        "--session-spread",
        type=float,
        default=0.0,
        help="first session at a random moment within this many seconds of the boot's "
        "acceptance (default 0: at once)",
    )
    add("--call-timeout", type=float, default=30.0, help="seconds to wait for an answer (30)")
    add("--connect-timeout", type=float, default=30.0, help="websocket handshake timeout (30)")
    add("--reconnect-delay", type=float, default=5.0, help="base reconnect backoff seconds (5)")
    add("--boot-timeout", type=float, default=120.0, help="flood/storm: wait for all Accepted")
    add("--storm-timeout", type=float, default=300.0, help="storm: give up re-acceptance after")
    add("--strict", action="store_true", help="validate every frame sent (and answers received)")
    add("--progress", action="store_true", help="progress line on stderr (default: if a TTY)")
    add("--json", type=Path, help="write the JSON report to this file")
    add("--vendor", default="CSMS-Sim")
    add("--model", default="SimStation")
    add("--sample-cap", type=int, default=1_000_000, help="latency samples kept per action")
    add("--seed", type=int, default=1)
    add(
        "--measure-after",
        type=float,
        help="also report round trips of CALLs sent this many seconds or more into the run "
        "(steady_latency_ms: the steady state without the boot ramp)",
    )
    return p


def config_from(args: argparse.Namespace) -> SimConfig:
    """SimConfig from parsed arguments."""
    values: dict[str, Any] = {
        name: getattr(args, name)
        for name in SimConfig.__dataclass_fields__
        if hasattr(args, name) and getattr(args, name) is not None
    }
    values["progress"] = bool(args.progress or sys.stderr.isatty())
    return SimConfig(**values)


async def _run(config: SimConfig) -> dict[str, Any]:
    """Run with a graceful stop on the first Ctrl-C / SIGTERM (the report is still printed)."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def first_signal() -> None:
        stop.set()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, first_signal)
    # The simulator's own collection pauses would count as the CSMS's latency: with 10,000
    # stations its full collections took 100-580 ms, and young ones 40-50 ms every 15 s.
    # The same policy as a CSMS node's (app/collector.py) keeps them out of the figures.
    gc.set_threshold(*GC_THRESHOLDS)
    gc.freeze()
    freezer = asyncio.create_task(SurvivorFreezer().run())
    try:
        return await scenarios.run(config, stop=stop)
    finally:
        freezer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await freezer


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the scenario, print the tables, write the JSON file."""
    args = parser().parse_args(argv)
    try:
        config = config_from(args)
    except ValueError as exc:
        parser().error(str(exc))
    result = asyncio.run(_run(config))
    sys.stdout.write(report.render(result) + "\n")
    if args.json is not None:
        args.json.write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2) + b"\n")
    failed = result["schema_violations"]["count"] or result["crashes"]["count"]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
