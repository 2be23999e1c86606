"""Back-pressure per station: what the node wrote to a station's socket and the station has not
taken yet, bounded.

aiohttp writes every frame into the transport at once; the transport keeps what the kernel
would not take. A station that sends and never reads made that grow without limit (2.6 GB in
two minutes), and aiohttp's own drain inside `send_str` held the shared bus tasks that deliver
every station's answers, so the others waited too. Now a station's answers never wait for its
socket: the connection is sent with aiohttp's drain out of the way (`NO_DRAIN`), and once its
transport holds more than `limit` bytes the gateway stops reading that station (`writable`)
until it drops below, so the station's own TCP window closes and it cannot send more. If it
stays above the limit for `stall` seconds, the connection is closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Awaitable, Callable

NO_DRAIN = sys.maxsize
"""aiohttp's `writer_limit`: the output after which `send_str` waits for the socket to drain;
this bound replaces it."""

POLL_SECONDS = 0.05
"""How often a stuck station's buffer is looked at (only while it is over the limit)."""


class SendBuffer:
    """One station's unsent bytes: over `limit`, stop reading; over it for `stall` s, close."""

    def __init__(
        self,
        transport: asyncio.Transport | None,
        limit: int,
        stall: float,
    ) -> None:
        self._transport = transport
        self._limit = limit
        self._stall = stall
        self._watch: asyncio.Task[None] | None = None
        self._drained: asyncio.Event | None = None  # only while watching: none per idle station

    @property
    def watching(self) -> bool:
        """True while the buffer is (or was at the last look) over the limit."""
        return self._watch is not None

    def pending(self) -> int:
        """Bytes written to the transport the kernel has not taken yet."""
        transport = self._transport
        if transport is None or transport.is_closing():
            return 0
        return transport.get_write_buffer_size()

    def written(self, on_stuck: Callable[[], Awaitable[None]]) -> None:
        """After a send: once the buffer is over the limit, watch it; `on_stuck` closes the
        connection if it stays over for the stall deadline (held only while watching, so the
        connection and this buffer form no lasting reference cycle)."""
        if self._watch is None and self.pending() > self._limit:
            self._drained = asyncio.Event()
            self._watch = asyncio.create_task(self._wait_or_close(on_stuck))

    async def writable(self) -> None:
        """Wait while the buffer is over the limit (the reader: no frame is read meanwhile);
        returns when it drained or the connection was closed for it."""
        drained = self._drained
        if drained is not None:
            await drained.wait()

    async def _wait_or_close(self, on_stuck: Callable[[], Awaitable[None]]) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._stall
        try:
            while self.pending() > self._limit:
                if loop.time() >= deadline:
                    await on_stuck()
                    return
                await asyncio.sleep(POLL_SECONDS)
        finally:
            self._watch = None
            self._release()

    async def stop(self) -> None:
        """The connection is gone: stop watching."""
        watch = self._watch
        if watch is not None and watch is not asyncio.current_task():
            watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watch
        self._release()

    def _release(self) -> None:
        drained, self._drained = self._drained, None
        if drained is not None:
            drained.set()
