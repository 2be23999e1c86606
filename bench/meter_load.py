"""Closed-loop meter-value load: N stations, each with one running transaction, flood samples.

Every station connects, boots, starts one transaction (TransactionEvent Started), then all of
them start together and each runs `send MeterValues (or TransactionEvent Updated with
meterValue) -> await its CALLRESULT -> repeat`, one CALL in flight as OCPP requires. At the
start and at the end of the measured window the driver counts the rows of `meter_sample`
(asyncpg, `--count-dsn`), so the report holds stored samples per second beside the reply
latency. Prints one JSON object on stdout.
Run: `python -m bench.meter_load --url ws://127.0.0.1:N/ocpp --count-dsn postgres://...`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import aiohttp
import asyncpg
import orjson

from bench.load import Tally, Window, all_booted, await_result, closed_loop, summarize, timeline

SUBPROTOCOL = "ocpp2.0.1"
BOOT = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}
KINDS = ("meter-values", "transaction-event")
MEASURANDS = (
    ("Energy.Active.Import.Register", "Wh"),
    ("Power.Active.Import", "W"),
    ("Current.Import", "A"),
    ("Voltage", "V"),
    ("SoC", "Percent"),
    ("Power.Offered", "W"),
    ("Current.Offered", "A"),
    ("Frequency", "Hz"),
)


def now_iso() -> str:
    """The current UTC time as OCPP wants it."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def meter_value(samples: int, energy_wh: float) -> list[dict[str, Any]]:
    """One meterValue entry with `samples` sampled values (energy register first)."""
    values: list[dict[str, Any]] = []
    for index in range(samples):
        measurand, unit = MEASURANDS[index % len(MEASURANDS)]
        value = energy_wh if index == 0 else 10.0 + index
        values.append(
            {
                "value": value,
                "measurand": measurand,
                "context": "Sample.Periodic",
                "unitOfMeasure": {"unit": unit},
            }
        )
    return [{"timestamp": now_iso(), "sampledValue": values}]


async def call(
    ws: aiohttp.ClientWebSocketResponse,
    message_id: str,
    action: str,
    payload: dict[str, Any],
    timeout: float,
) -> None:
    """Send one CALL and wait for its CALLRESULT, answering CSMS CALLs meanwhile."""
    await ws.send_str(orjson.dumps([2, message_id, action, payload]).decode())
    await await_result(ws, message_id, timeout)


class Station:
    """One simulated station with one running transaction."""

    def __init__(self, index: int, kind: str, samples: int) -> None:
        self.station_id = f"mv-{index:05d}"
        self.kind = kind
        self.samples = samples
        self.transaction_id = str(uuid.uuid4())
        self.seq_no = 0
        self.energy_wh = 1000.0
        self.sent = 0

    def _next_id(self) -> str:
        self.sent += 1
        return str(self.sent)

    def started(self) -> dict[str, Any]:
        """TransactionEvent Started for this station's one transaction."""
        self.seq_no = 1
        return {
            "eventType": "Started",
            "timestamp": now_iso(),
            "triggerReason": "CablePluggedIn",
            "seqNo": 0,
            "transactionInfo": {"transactionId": self.transaction_id, "chargingState": "Charging"},
            "evse": {"id": 1, "connectorId": 1},
            "meterValue": meter_value(1, self.energy_wh),
        }

    def sample(self) -> tuple[str, dict[str, Any]]:
        """The next flood message: (action, payload)."""
        self.energy_wh += 3.0
        values = meter_value(self.samples, self.energy_wh)
        if self.kind == "meter-values":
            return "MeterValues", {"evseId": 1, "meterValue": values}
        seq, self.seq_no = self.seq_no, self.seq_no + 1
        return "TransactionEvent", {
            "eventType": "Updated",
            "timestamp": now_iso(),
            "triggerReason": "MeterValuePeriodic",
            "seqNo": seq,
            "transactionInfo": {"transactionId": self.transaction_id},
            "meterValue": values,
        }

    async def run(
        self, session: aiohttp.ClientSession, url: str, window: Window, timeout: float, tally: Tally
    ) -> None:
        """Connect, boot, start the transaction, wait for the signal, flood until the end."""
        async with session.ws_connect(f"{url}/{self.station_id}", protocols=(SUBPROTOCOL,)) as ws:
            await call(ws, self._next_id(), "BootNotification", BOOT, timeout)
            await call(ws, self._next_id(), "TransactionEvent", self.started(), timeout)
            window.boot_done()
            await closed_loop(ws, window, tally, timeout, self._next_call, self.sent + 1)

    def _next_call(self, message_id: str) -> str:
        return orjson.dumps([2, message_id, *self.sample()]).decode()


async def count_rows(dsn: str) -> tuple[float, int]:
    """(perf_counter at the middle of the query, rows in meter_sample)."""
    connection = await asyncpg.connect(dsn)
    try:
        before = time.perf_counter()
        rows = await connection.fetchval("SELECT count(*) FROM meter_sample")
        after = time.perf_counter()
    finally:
        await connection.close()
    return (before + after) / 2, int(rows)


async def count_at(moment: float, dsn: str) -> tuple[float, int]:
    """Count meter_sample rows at `moment` (perf_counter seconds)."""
    await asyncio.sleep(max(0.0, moment - time.perf_counter()))
    return await count_rows(dsn)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Set every station up, run the closed loop, return the summary."""
    window = Window(args.stations)
    stations = [Station(i, args.kind, args.samples) for i in range(1, args.stations + 1)]
    tallies = [Tally() for _ in stations]
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        began = time.perf_counter()
        tasks = [
            asyncio.create_task(station.run(session, args.url, window, args.timeout, tally))
            for station, tally in zip(stations, tallies, strict=True)
        ]
        await all_booted(tasks, window)
        setup_s = time.perf_counter() - began
        window.start = time.perf_counter() + args.warmup
        window.end = window.start + args.seconds
        window.go.set()
        first = asyncio.create_task(count_at(window.start, args.count_dsn))
        last = asyncio.create_task(count_at(window.end, args.count_dsn))
        cpu_before = time.process_time()
        await asyncio.gather(*tasks)
        cpu_seconds = time.process_time() - cpu_before
        (t0, rows0), (t1, rows1) = await first, await last
    report = summarize(tallies, args.seconds, cpu_seconds)
    report["per_second"] = timeline(tallies, window.start, args.seconds)
    report["samples_per_message"] = args.samples
    report["stored_samples"] = rows1 - rows0
    report["stored_samples_per_s"] = (rows1 - rows0) / (t1 - t0)
    report["acknowledged_samples_per_s"] = report["msgs_per_s"] * args.samples
    report.update(stations=args.stations, kind=args.kind, setup_s=setup_s, warmup_s=args.warmup)
    return report


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the load and print the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="ws://host:port/ocpp (station id appended)")
    parser.add_argument("--count-dsn", required=True, help="postgres:// DSN of the CSMS database")
    parser.add_argument("--stations", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--samples", type=int, default=4, help="sampled values per message")
    parser.add_argument("--kind", choices=KINDS, default="meter-values")
    parser.add_argument("--timeout", type=float, default=30.0, help="per-CALL timeout (s)")
    args = parser.parse_args(argv)
    report = asyncio.run(run(args))
    sys.stdout.write(orjson.dumps(report).decode() + "\n")


if __name__ == "__main__":
    main()
