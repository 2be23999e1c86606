"""A TCP proxy between a node and a dependency (PostgreSQL, Redis), for outage tests.

It forwards bytes both ways until told otherwise: `hang()` makes the dependency a black hole
(connections are accepted, bytes are read, nothing ever comes back, open connections go
silent too), `refuse()` stops listening and cuts open connections (new ones are refused), and
`restore()` forwards again on the same port (the connections of the black hole are cut, so
clients reconnect instead of waiting on a half-dead stream). What a black hole took, either
way, is kept in `swallowed`.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from enum import Enum


class Mode(Enum):
    """What the proxy does with connections."""

    FORWARD = "forward"
    HANG = "hang"
    REFUSE = "refuse"


class TcpProxy:
    """Listens on 127.0.0.1:<port> and forwards to `target_host:target_port`."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self.mode = Mode.FORWARD
        self.port = _free_port()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.swallowed = bytearray()
        """The bytes that reached the proxy while it hung, from either side."""

    async def start(self) -> None:
        """Listen (again) on the proxy's port."""
        self._server = await asyncio.start_server(
            self._accept, "127.0.0.1", self.port, reuse_address=True
        )

    async def stop(self) -> None:
        """Stop listening and cut every connection."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        self._cut_all()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def hang(self) -> None:
        """Accept, read and never answer; open connections go silent."""
        self.mode = Mode.HANG
        if self._server is None:
            await self.start()

    async def refuse(self) -> None:
        """Refuse new connections and cut the open ones."""
        self.mode = Mode.REFUSE
        await self.stop()

    async def restore(self) -> None:
        """Forward again; connections left over from an outage are cut first."""
        self._cut_all()
        self.mode = Mode.FORWARD
        if self._server is None:
            await self.start()

    def _cut_all(self) -> None:
        for writer in list(self._writers):
            with contextlib.suppress(Exception):
                writer.transport.abort()
        self._writers.clear()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            if self.mode is Mode.FORWARD:
                await self._forward(reader, writer)
            else:
                await self._swallow(reader)
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            self._tasks.discard(task)
            self._writers.discard(writer)
            writer.transport.abort()

    async def _forward(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self._target)
        self._writers.add(upstream_writer)
        try:
            await asyncio.gather(
                self._pipe(reader, upstream_writer), self._pipe(upstream_reader, writer)
            )
        finally:
            self._writers.discard(upstream_writer)
            upstream_writer.transport.abort()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.read(65536):
            if self.mode is not Mode.FORWARD:
                self.swallowed += data
                await self._swallow(reader)  # the dependency hangs: nothing goes through
                return
            writer.write(data)
            await writer.drain()
        writer.transport.abort()

    async def _swallow(self, reader: asyncio.StreamReader) -> None:
        while data := await reader.read(65536):
            self.swallowed += data


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
