"""Baseline: a bare aiohttp websocket server that answers OCPP CALLs without any CSMS work.

Each text frame `[2, id, action, payload]` is parsed with orjson and answered with
`[3, id, {...}]` (the current time for Heartbeat, an accepted boot for BootNotification).
Run as its own process: `python -m bench.echo_server --port N`.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime

import orjson
import uvloop
from aiohttp import WSMsgType, web

SUBPROTOCOL = "ocpp2.0.1"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def answer(text: str) -> str | None:
    """The CALLRESULT frame for one inbound CALL frame, or None when it is not a CALL."""
    frame = orjson.loads(text)
    if not isinstance(frame, list) or len(frame) != 4 or frame[0] != 2:
        return None
    payload: dict[str, object] = {"currentTime": _now()}
    if frame[2] == "BootNotification":
        payload.update(interval=300, status="Accepted")
    return orjson.dumps([3, frame[1], payload]).decode()


async def station_socket(request: web.Request) -> web.WebSocketResponse:
    """GET /ocpp/{station_id}: answer every CALL, ignore everything else."""
    ws = web.WebSocketResponse(protocols=(SUBPROTOCOL,))
    await ws.prepare(request)
    async for message in ws:
        if message.type is WSMsgType.TEXT:
            reply = answer(message.data)
            if reply is not None:
                await ws.send_str(reply)
    return ws


def build_app() -> web.Application:
    """The echo application: one websocket route, nothing else."""
    app = web.Application()
    app.router.add_get("/ocpp/{station_id}", station_socket)
    return app


def main(argv: list[str] | None = None) -> None:
    """Entry point: serve the echo application on 127.0.0.1."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument(
        "--loop",
        choices=["uvloop", "asyncio"],
        default="uvloop",
        help="event loop (default uvloop, like the CSMS's CSMS_EVENT_LOOP default)",
    )
    args = parser.parse_args(argv)
    loop = uvloop.new_event_loop() if args.loop == "uvloop" else asyncio.new_event_loop()
    web.run_app(build_app(), host=args.host, port=args.port, print=None, access_log=None, loop=loop)


if __name__ == "__main__":
    main()
