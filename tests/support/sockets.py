"""Client sockets for tests of slow readers."""

from __future__ import annotations

import socket
from typing import Any


def small_receive_buffer(addr_info: Any) -> socket.socket:
    """A client socket with a tiny receive window, so an idle reader backs up quickly."""
    family, kind, proto, _, _ = addr_info
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    return sock
