"""Storing and reading back a large device model through the real paths.

A CSMS node runs in this process (PostgreSQL by default: a fresh temporary database, dropped
afterwards; in-process bus; memory cache; message log off so only the device model's queries
are counted). A websocket station boots, is asked for a FullInventory report through the
`getBaseReport` mutation, answers Accepted and sends the report as PARTS NotifyReport
messages of PER_PART variables each (every variable with an Actual attribute and its
characteristics), one at a time as OCPP-J requires, each awaited until its CALLRESULT (sent
only after the part is committed). Then the whole device model is read back through GraphQL
(`variables(stationId, first, after)`, paged).

Printed: the time to store (first part sent to last part answered), the time to read back,
and the SQL statements each phase executed, counted by wrapping the Tortoise client's
execute_* methods (an `executemany` counts once; BEGIN/COMMIT are not counted).
Run: `python -m bench.device_model_report [--parts 50 --per-part 100 --database postgres]`.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import functools
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import orjson
from aiohttp import web
from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
from tortoise.backends.sqlite.client import SqliteClient, SqliteTransactionWrapper

from app.bootstrap import build_app
from app.settings import Environment, Settings
from bench.node import fresh_database, postgres_url
from bench.procs import free_port
from infra.db.config import apply_migrations

ADMIN_TOKEN = "bench-admin-token-0123456789"
STATION = "BENCH-DM"
EXECUTE_METHODS = (
    "execute_query",
    "execute_query_dict",
    "execute_insert",
    "execute_many",
    "execute_script",
)

GET_BASE_REPORT = """
mutation { getBaseReport(stationId: "BENCH-DM", reportBase: FullInventory) {
  outcome requestId status } }
"""
VARIABLES = """
query($after: String, $first: Int!) {
  variables(stationId: "BENCH-DM", first: $first, after: $after) {
    cursor component evseId variable attributeType value unit dataType minLimit maxLimit
  }
}
"""
REPORTS = '{ deviceModelReports(stationId: "BENCH-DM") { requestId parts variables completed } }'


class QueryCounter:
    """Counts SQL statements by their first keyword, for every Tortoise client class."""

    def __init__(self) -> None:
        self.counts: collections.Counter[str] = collections.Counter()

    def install(self) -> None:
        """Wrap the execute_* methods each client class defines itself."""
        classes = (AsyncpgDBClient, TransactionWrapper, SqliteClient, SqliteTransactionWrapper)
        for cls in classes:
            for name in EXECUTE_METHODS:
                if name in vars(cls):
                    setattr(cls, name, self._wrap(getattr(cls, name)))

    def _wrap(self, method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        @functools.wraps(method)
        async def counted(client: Any, query: str, *args: Any, **kwargs: Any) -> Any:
            self.counts[query.lstrip().split(" ", 1)[0].upper()] += 1
            return await method(client, query, *args, **kwargs)

        return counted

    def take(self) -> dict[str, int]:
        """The counts since the last take, then zero."""
        counts = dict(self.counts)
        self.counts.clear()
        return counts


def report_data(part: int, per_part: int) -> list[dict[str, Any]]:
    """One part's reportData: PER_PART variables, each with characteristics."""
    items: list[dict[str, Any]] = []
    for index in range(per_part):
        number = part * per_part + index
        component: dict[str, Any] = {"name": f"Component{number // 25}"}
        if number % 4 == 0:
            component["evse"] = {"id": 1 + number % 3, "connectorId": 1}
        items.append(
            {
                "component": component,
                "variable": {"name": f"Variable{number}"},
                "variableAttribute": [
                    {
                        "type": "Actual",
                        "value": str(number),
                        "mutability": "ReadWrite",
                        "persistent": True,
                        "constant": False,
                    }
                ],
                "variableCharacteristics": {
                    "dataType": "integer",
                    "unit": "s",
                    "minLimit": 0,
                    "maxLimit": 100000,
                    "supportsMonitoring": True,
                },
            }
        )
    return items


@asynccontextmanager
async def database(kind: str) -> AsyncIterator[str]:
    """A fresh migrated database: a temporary PostgreSQL database or SQLite file."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite://{Path(folder) / 'bench.sqlite3'}"
            await apply_migrations(url)
            yield url
        return
    with fresh_database("csms_bench") as name:
        url = postgres_url(name)
        await apply_migrations(url)
        yield url


class Station:
    """A minimal OCPP-J station: one CALL at a time, CSMS CALLs queued."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.ids = 0
        self.calls: asyncio.Queue[list[Any]] = asyncio.Queue()
        self.answers: dict[str, asyncio.Future[list[Any]]] = {}
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            frame = orjson.loads(message.data)
            if frame[0] == 2:
                await self.calls.put(frame)
            elif frame[1] in self.answers:
                self.answers.pop(frame[1]).set_result(frame)

    async def call(self, action: str, payload: dict[str, Any]) -> list[Any]:
        """Send a CALL and await its answer."""
        self.ids += 1
        message_id = str(self.ids)
        future: asyncio.Future[list[Any]] = asyncio.get_running_loop().create_future()
        self.answers[message_id] = future
        await self.ws.send_str(orjson.dumps([2, message_id, action, payload]).decode())
        return await asyncio.wait_for(future, 60)


async def graphql(
    session: aiohttp.ClientSession, url: str, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """POST one operation; fail on errors."""
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    async with session.post(
        url, json={"query": query, "variables": variables or {}}, headers=headers
    ) as response:
        body: dict[str, Any] = await response.json()
    if body.get("errors"):
        raise RuntimeError(body["errors"])
    data: dict[str, Any] = body["data"]
    return data


async def run(parts: int, per_part: int, page: int, kind: str) -> dict[str, Any]:
    """Store and read back one report; returns the figures."""
    counter = QueryCounter()
    counter.install()
    async with database(kind) as url:
        port = free_port()
        settings = Settings(
            environment=Environment.DEV,
            admin_token=ADMIN_TOKEN,
            database_url=url,
            accept_unknown_stations=True,
            ws_heartbeat=0,
            message_log_enabled=False,
            log_level="WARNING",
        )
        runner = web.AppRunner(build_app(settings))
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        base = f"127.0.0.1:{port}"
        try:
            async with aiohttp.ClientSession() as session:
                ws = await session.ws_connect(
                    f"ws://{base}/ocpp/{STATION}", protocols=["ocpp2.0.1"]
                )
                station = Station(ws)
                boot = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}
                await station.call("BootNotification", boot)
                gql = f"http://{base}/graphql"
                pending = asyncio.create_task(graphql(session, gql, GET_BASE_REPORT))
                request = await station.calls.get()
                await ws.send_str(orjson.dumps([3, request[1], {"status": "Accepted"}]).decode())
                request_id = (await pending)["getBaseReport"]["requestId"]
                payloads = [
                    {
                        "requestId": request_id,
                        "generatedAt": "2026-11-24T10:00:00Z",
                        "seqNo": seq_no,
                        "tbc": seq_no < parts - 1,
                        "reportData": report_data(seq_no, per_part),
                    }
                    for seq_no in range(parts)
                ]
                counter.take()
                began = time.perf_counter()
                for payload in payloads:
                    answer = await station.call("NotifyReport", payload)
                    if answer[0] != 3:
                        raise RuntimeError(f"NotifyReport refused: {answer}")
                store_seconds = time.perf_counter() - began
                store_queries = counter.take()

                began = time.perf_counter()
                rows: list[dict[str, Any]] = []
                after: str | None = None
                requests = 0
                while True:
                    data = await graphql(session, gql, VARIABLES, {"after": after, "first": page})
                    requests += 1
                    rows += data["variables"]
                    if len(data["variables"]) < page:
                        break
                    after = data["variables"][-1]["cursor"]
                read_seconds = time.perf_counter() - began
                read_queries = counter.take()
                report = (await graphql(session, gql, REPORTS))["deviceModelReports"][0]
                await ws.close()
        finally:
            await runner.cleanup()
    if len(rows) != parts * per_part or not report["completed"]:
        raise RuntimeError(f"read back {len(rows)} rows, report {report}")
    return {
        "database": kind,
        "parts": parts,
        "variables": parts * per_part,
        "store_seconds": store_seconds,
        "store_queries": store_queries,
        "read_seconds": read_seconds,
        "read_requests": requests,
        "read_queries": read_queries,
        "rows_read": len(rows),
    }


def _print(figures: dict[str, Any]) -> None:
    variables, parts = figures["variables"], figures["parts"]
    store_total = sum(figures["store_queries"].values())
    read_total = sum(figures["read_queries"].values())
    print(f"device model report on {figures['database']}: {variables} variables in {parts} parts")
    print(
        f"  store: {figures['store_seconds']:.3f} s "
        f"({1000 * figures['store_seconds'] / parts:.1f} ms per part, "
        f"{variables / figures['store_seconds']:.0f} variables/s), "
        f"{store_total} SQL statements {figures['store_queries']} "
        f"({store_total / parts:.1f} per part)"
    )
    print(
        f"  read:  {figures['read_seconds']:.3f} s for {figures['rows_read']} rows in "
        f"{figures['read_requests']} GraphQL requests, "
        f"{read_total} SQL statements {figures['read_queries']}"
    )


def main() -> None:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--parts", type=int, default=50)
    parser.add_argument("--per-part", type=int, default=100)
    parser.add_argument("--page", type=int, default=1000, help="GraphQL page size (max 1000)")
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    args = parser.parse_args()
    _print(asyncio.run(run(args.parts, args.per_part, args.page, args.database)))


if __name__ == "__main__":
    main()
