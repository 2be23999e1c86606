"""Client sockets for tests of slow readers, and a raw websocket client that does the handshake
and the framing itself (a station that never reads, a frame cut in the middle)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import socket
from typing import Any

import orjson

BOOT_PAYLOAD = {"reason": "PowerUp", "chargingStation": {"vendorName": "V", "model": "M"}}


def small_receive_buffer(addr_info: Any) -> socket.socket:
    """A client socket with a tiny receive window, so an idle reader backs up quickly."""
    family, kind, proto, _, _ = addr_info
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    return sock


def masked_frame(payload: bytes, opcode: int = 0x1) -> bytes:
    """One final client frame (RFC 6455 §5.2: client frames are masked)."""
    mask = os.urandom(4)
    length = len(payload)
    if length < 126:
        head = bytes([0x80 | opcode, 0x80 | length])
    elif length < 1 << 16:
        head = bytes([0x80 | opcode, 0x80 | 126]) + length.to_bytes(2, "big")
    else:
        head = bytes([0x80 | opcode, 0x80 | 127]) + length.to_bytes(8, "big")
    masked = bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload))
    return head + mask + masked


def call_frame(message_id: str, action: str, payload: dict[str, Any]) -> bytes:
    """A masked text frame holding one OCPP-J CALL."""
    return masked_frame(orjson.dumps([2, message_id, action, payload]))


class RawStation:
    """A station on a plain TCP socket: it reads only when told to."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def connect(cls, port: int, station_id: str, receive_buffer: int = 0) -> RawStation:
        """Open a socket (with SO_RCVBUF `receive_buffer` if given) and upgrade it."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if receive_buffer:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
        reader, writer = await asyncio.open_connection(sock=sock)
        key = base64.b64encode(os.urandom(16)).decode()
        writer.write(
            f"GET /ocpp/{station_id} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Protocol: ocpp2.0.1\r\n\r\n".encode()
        )
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 101"), head
        return cls(reader, writer)

    async def read_text(self) -> Any:
        """Read one unmasked, unfragmented server text frame as JSON."""
        first, second = await self.reader.readexactly(2)
        assert first & 0x0F == 0x1, f"not a text frame: {first:#x}"
        length = second & 0x7F
        if length == 126:
            length = int.from_bytes(await self.reader.readexactly(2), "big")
        elif length == 127:
            length = int.from_bytes(await self.reader.readexactly(8), "big")
        return orjson.loads(await self.reader.readexactly(length))

    async def boot(self) -> Any:
        """Send a BootNotification and read its answer."""
        await self.send(call_frame("boot-1", "BootNotification", BOOT_PAYLOAD))
        return await self.read_text()

    async def send(self, data: bytes) -> None:
        """Write bytes and wait until the socket took them."""
        self.writer.write(data)
        await self.writer.drain()

    async def flood(self, action: str = "Heartbeat") -> int:
        """Send CALLs of `action` as fast as the socket takes them, never reading; how many
        were sent when the connection broke."""
        batch = b"".join(call_frame(f"flood-{i}", action, {}) for i in range(100))
        sent = 0
        with contextlib.suppress(ConnectionError):
            while True:
                await self.send(batch)
                sent += 100
        return sent

    def abort(self) -> None:
        """Drop the connection at once (a reset, no close frame)."""
        self.writer.transport.abort()
