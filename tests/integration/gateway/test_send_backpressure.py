"""Back-pressure per station over real websockets: a station that sends and never reads is
stopped and then closed, its unsent bytes stay bounded, and the others keep being answered."""

from __future__ import annotations

import asyncio

from app.gateway.in_flight import MAX_IN_FLIGHT
from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode
from tests.support.sockets import RawStation, call_frame

SEND_BUFFER = 64 * 1024
STALL_SECONDS = 1.0
# What may pass the limit: the answers to the (at most MAX_IN_FLIGHT) CALLs read before the
# gateway stopped reading, a websocket ping, the close frame.
SLACK = 16 * 1024
GIVE_UP_SECONDS = 60.0


def _unsent(node: RunningNode, station_id: str) -> int:
    """What the node holds unsent for `station_id` (0 once it is gone)."""
    gateway = node.node.gateway
    assert gateway is not None
    connection = gateway.registry.get(station_id)
    return connection.sends.pending() if connection is not None else 0


async def _sample(node: RunningNode, station_id: str, samples: list[int]) -> None:
    while True:
        samples.append(_unsent(node, station_id))
        await asyncio.sleep(0.005)


async def test_a_station_that_never_reads_is_closed_and_the_others_keep_their_answers(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    """Part 4 gives a CSMS no duty to buffer for a station without end: the gateway stops
    reading a station whose unsent answers pass CSMS_WS_SEND_BUFFER_BYTES, closes it (1008)
    once that lasts CSMS_WS_SEND_STALL_SECONDS, and another station is answered throughout."""
    node = await make_node(
        sqlite_url, ws_send_buffer_bytes=SEND_BUFFER, ws_send_stall_seconds=STALL_SECONDS
    )
    gateway = node.node.gateway
    assert gateway is not None and node.server.port is not None
    bad = await RawStation.connect(node.server.port, "NEVER-READS", receive_buffer=4096)
    assert (await bad.boot())[2]["status"] == "Accepted"
    node.shrink_kernel_send_buffer("NEVER-READS")
    good = await node.booted_station("READS")

    samples: list[int] = []
    sampler = asyncio.create_task(_sample(node, "NEVER-READS", samples))
    flood = asyncio.create_task(bad.flood())
    answered = 0
    try:
        async with asyncio.timeout(GIVE_UP_SECONDS):  # the old gateway never closed it
            while not flood.done():
                assert max(samples, default=0) < SEND_BUFFER + SLACK
                answer = await good.call("Heartbeat", {})
                assert answer[0] == 3 and "currentTime" in answer[2], answer
                answered += 1
            sent = await flood
    finally:
        sampler.cancel()
        flood.cancel()
        bad.abort()

    assert gateway.counters.send_stalls == 1
    assert gateway.registry.get("NEVER-READS") is None
    assert sent > 0 and answered > 0
    assert SEND_BUFFER < max(samples) < SEND_BUFFER + SLACK  # reached, and barely passed
    assert (await good.call("Heartbeat", {}))[0] == 3  # the other station is still served


async def test_a_station_with_many_calls_in_flight_is_read_slower_not_refused(
    node: RunningNode,
) -> None:
    """Part 4 §4.1.1: a station SHALL NOT send a CALL before the last was answered. One that
    pipelines more than MAX_IN_FLIGHT is not read further until answers go out, so its CALLs
    cannot pile up in the node; every CALL is still answered (nothing refused, no deadlock)."""
    assert node.server.port is not None
    station = await RawStation.connect(node.server.port, "PIPELINES")
    assert (await station.boot())[2]["status"] == "Accepted"
    count = 4 * MAX_IN_FLIGHT
    await station.send(b"".join(call_frame(f"p-{i}", "Heartbeat", {}) for i in range(count)))
    answers = [await asyncio.wait_for(station.read_text(), 10) for _ in range(count)]
    assert sorted(answer[1] for answer in answers) == sorted(f"p-{i}" for i in range(count))
    assert all(answer[0] == 3 for answer in answers)
    station.abort()
