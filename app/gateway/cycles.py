"""Breaking the reference cycles a finished station websocket leaves, so reference counting
frees it at once instead of waiting for a collection of the whole heap.

Two cycles were found (aiohttp 3.14, `gc.DEBUG_SAVEALL` on a node under reconnect churn):

- Every connection, when the websocket heartbeat is on: aiohttp's request handler keeps the
  response's data-received callback after the connection is lost, and the response keeps its
  request, whose protocol is that handler. About 30 objects (handler, request, response,
  transport, parser, headers) stayed behind per reconnect.
- A station dropped in the middle of a frame: the response keeps the error of writing its close
  frame to the lost transport, with a traceback through seven aiohttp frames whose locals hold
  the response again, and the reader's buffers.
"""

from __future__ import annotations

from aiohttp import web

_PROTOCOL_CALLBACK = "_data_received_cb"  # aiohttp's RequestHandler slot; absent: nothing to do


def release_connection(request: web.Request, ws: web.WebSocketResponse) -> None:
    """Cut the cycles of a websocket whose handler is done (`ws` closed or closing)."""
    error: BaseException | None = ws.exception()
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        error.__traceback__ = None
        error = error.__context__
    protocol = request.protocol
    if getattr(protocol, _PROTOCOL_CALLBACK, None) is not None:
        setattr(protocol, _PROTOCOL_CALLBACK, None)
