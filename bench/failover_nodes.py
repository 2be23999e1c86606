"""bench.failover's node trials: a gateway node SIGKILLed (figures a, b, c) or stopped with
SIGTERM (figure e), timed from just before the signal, against the survivor's API."""

from __future__ import annotations

import asyncio
import os
import random
import secrets
import signal
import time
from typing import Any

import aiohttp
import orjson

from app.node_liveness import BEAT_SECONDS
from bench import load
from bench.deployment_compare import ADMIN_TOKEN
from bench.operator import station as answering_station
from bench.procs import Server

COMMAND = (
    'mutation($s: ID!) { sendCall(stationId: $s, action: "ClearCache", payload: {}, '
    "timeoutSeconds: 40) { outcome } }"
)
ONLINE = "query($s: ID!) { station(id: $s) { online } }"
READ_EVERY_S = 0.1
LIMIT_S = 90.0
"""How long any one wait may take before the trial is given up."""


class Api:
    """The survivor's GraphQL endpoint, as the admin."""

    def __init__(self, session: aiohttp.ClientSession, port: int) -> None:
        self._session = session
        self._url = f"http://127.0.0.1:{port}/graphql"
        self._headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}

    async def data(self, query: str, station_id: str) -> dict[str, Any]:
        """The data of `query` with $s = `station_id`; RuntimeError on GraphQL errors."""
        body = {"query": query, "variables": {"s": station_id}}
        async with self._session.post(self._url, json=body, headers=self._headers) as response:
            answer = await response.json()
        if answer.get("errors"):
            raise RuntimeError(f"GraphQL errors: {answer['errors']}")
        data: dict[str, Any] = answer["data"]
        return data

    async def command(self, station_id: str) -> str:
        """A ClearCache for `station_id`: its outcome."""
        return str((await self.data(COMMAND, station_id))["sendCall"]["outcome"])

    async def online(self, station_id: str) -> bool:
        """Whether the station reads back online."""
        return bool((await self.data(ONLINE, station_id))["station"]["online"])

    async def until_online(self, station_id: str, wanted: bool) -> None:
        """Read the station back until its `online` is `wanted`."""
        async with asyncio.timeout(LIMIT_S):
            while await self.online(station_id) != wanted:  # noqa: ASYNC110 - polling the API is the point
                await asyncio.sleep(READ_EVERY_S)


async def _boot(ws: aiohttp.ClientWebSocketResponse) -> None:
    await ws.send_str(orjson.dumps([2, "boot", "BootNotification", load.BOOT_PAYLOAD]).decode())
    await load.await_result(ws, "boot", 30.0)


async def _booted(session: aiohttp.ClientSession, url: str) -> asyncio.Task[None]:
    """A station that boots on `url`, then answers every CALL until its socket closes; returned
    once its boot is answered."""
    booted = asyncio.Event()
    task = asyncio.create_task(answering_station(session, url, booted))
    waiting = asyncio.create_task(booted.wait())
    done, _ = await asyncio.wait({task, waiting}, timeout=30, return_when="FIRST_COMPLETED")
    if waiting not in done:
        waiting.cancel()
        task.cancel()
        raise RuntimeError(f"{url}: boot not answered ({task})")
    return task


async def _signal(node: Server, number: int) -> float:
    """After a pause of up to one liveness beat (so the signal lands anywhere in the key's
    refresh cycle), send `number` to the node: the time it was sent."""
    await asyncio.sleep(random.uniform(0, BEAT_SECONDS))
    began = time.perf_counter()
    os.kill(node.pid, number)
    return began


def _since(began: float) -> float:
    """Seconds since `began` (a perf_counter time), to the millisecond."""
    return round(time.perf_counter() - began, 3)


async def kill_trial(survivor: int, doomed: Server, doomed_port: int) -> dict[str, Any]:
    """Figures a, b and c for one SIGKILLed node; seconds from the kill, and the outcomes."""
    tag = secrets.token_hex(3)
    away, back = f"AWAY-{tag}", f"BACK-{tag}"
    ocpp = f"ws://127.0.0.1:{doomed_port}/ocpp"
    async with aiohttp.ClientSession() as session:
        api = Api(session, survivor)
        away_ws = await session.ws_connect(f"{ocpp}/{away}", protocols=(load.SUBPROTOCOL,))
        await _boot(away_ws)
        first = await _booted(session, f"{ocpp}/{back}")
        await api.until_online(away, True)
        await api.until_online(back, True)
        killed = await _signal(doomed, signal.SIGKILL)

        async def command_offline() -> dict[str, Any]:
            outcome = await api.command(away)
            return {"a_command_offline": _since(killed), "a_outcome": outcome}

        async def read_offline() -> dict[str, Any]:
            await api.until_online(away, False)
            return {"b_read_offline": _since(killed)}

        async def reconnect() -> dict[str, Any]:
            await asyncio.wait_for(first, LIMIT_S)  # ends when the killed node's socket closes
            url = f"ws://127.0.0.1:{survivor}/ocpp/{back}"
            second = await _booted(session, url)
            booted = _since(killed)
            outcome = await api.command(back)
            commanded = _since(killed)
            second.cancel()
            await asyncio.gather(second, return_exceptions=True)
            return {
                "c_reconnect_boot": booted,
                "c_reconnect_command": commanded,
                "c_outcome": outcome,
            }

        found: dict[str, Any] = {}
        for part in await asyncio.gather(command_offline(), read_offline(), reconnect()):
            found.update(part)
        await away_ws.close()
    if found["a_outcome"] != "OFFLINE" or found["c_outcome"] != "RESULT":
        raise RuntimeError(f"unexpected outcomes: {found}")
    return found


async def clean_stop_trial(
    survivor: int, doomed: Server, doomed_port: int, stations: int
) -> dict[str, Any]:
    """Figure e for one node stopped with SIGTERM: per station, seconds from the signal until
    its socket closed and until its boot on the survivor was answered; and the node's exit."""
    tag = secrets.token_hex(3)
    ids = [f"TERM-{tag}-{i:02d}" for i in range(stations)]
    async with aiohttp.ClientSession() as session:
        api = Api(session, survivor)
        firsts = [await _booted(session, f"ws://127.0.0.1:{doomed_port}/ocpp/{sid}") for sid in ids]
        for sid in ids:
            await api.until_online(sid, True)
        stopped = await _signal(doomed, signal.SIGTERM)

        async def exit_of_node() -> tuple[int, float]:
            code = await asyncio.to_thread(doomed.proc.wait, LIMIT_S)
            return code, _since(stopped)

        exited = asyncio.create_task(exit_of_node())

        async def move(sid: str, first: asyncio.Task[None]) -> tuple[float, float]:
            await asyncio.wait_for(first, LIMIT_S)
            closed = _since(stopped)
            second = await _booted(session, f"ws://127.0.0.1:{survivor}/ocpp/{sid}")
            answered = _since(stopped)
            second.cancel()
            await asyncio.gather(second, return_exceptions=True)
            return closed, answered

        moved = await asyncio.gather(*(move(s, f) for s, f in zip(ids, firsts, strict=True)))
        code, node_exit = await exited
    return {
        "closed_s": [c for c, _ in moved],
        "answered_s": [a for _, a in moved],
        "node_exit_s": node_exit,
        "exit_code": code,
    }
