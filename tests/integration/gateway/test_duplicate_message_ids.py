"""Part 4 §4.1.4 / §4.2.3 over a real websocket: a repeated message id is not processed twice.

§4.2.3 lists "an existing call with the same unique identifier is being handled already" among
the CALLERROR cases; a repeat arriving after the answer gets the same answer, not a second run.
"""

from __future__ import annotations

import asyncio

import orjson
import pytest

from modules.kernel.envelope import Envelope
from tests.support.nodes import RunningNode

STATUS = {
    "timestamp": "2026-11-24T10:00:00Z",
    "connectorStatus": "Occupied",
    "evseId": 1,
    "connectorId": 1,
}


class HeldReplies:
    """Wraps the gateway's delivery of worker replies: counts them, and holds them until
    released, so the first CALL is still being handled when its duplicate arrives."""

    def __init__(self, node: RunningNode, monkeypatch: pytest.MonkeyPatch) -> None:
        gateway = node.node.gateway
        assert gateway is not None
        self.released = asyncio.Event()
        self.message_ids: list[str] = []
        original = gateway.deliver_reply

        async def held(reply: Envelope) -> None:
            self.message_ids.append(reply.message_id)
            await self.released.wait()
            await original(reply)

        monkeypatch.setattr(gateway, "deliver_reply", held)


async def _out_frames(node: RunningNode, station_id: str, message_id: str) -> list[list[object]]:
    await node.flush_message_log()
    log = await node.graphql.data(
        f'query {{ ocppMessages(stationId: "{station_id}", last: 50) {{ direction frame }} }}'
    )
    frames = [orjson.loads(m["frame"]) for m in log["ocppMessages"] if m["direction"] == "OUT"]
    return [f for f in frames if f[1] == message_id]


async def test_part4_4_2_3_same_id_in_flight_gets_callerror_and_runs_once(
    node: RunningNode, monkeypatch: pytest.MonkeyPatch
) -> None:
    station = await node.booted_station("CS-DUP-INFLIGHT")
    replies = HeldReplies(node, monkeypatch)
    frame = [2, "dup-1", "StatusNotification", STATUS]
    await station.send_frame(frame)
    await station.send_frame(frame)

    # the first is held in the CSMS: the duplicate is answered at once
    duplicate = await station.next_frame()
    assert duplicate[:3] == [4, "dup-1", "RpcFrameworkError"]
    assert "being handled already" in duplicate[3]
    assert duplicate[4] == {}

    replies.released.set()
    assert await station.next_frame() == [3, "dup-1", {}]
    # a later call's answer comes after any second run of dup-1 would have been delivered
    assert (await station.call("Heartbeat", {}, message_id="hb-after"))[0] == 3
    assert replies.message_ids.count("dup-1") == 1
    assert [f[0] for f in await _out_frames(node, "CS-DUP-INFLIGHT", "dup-1")] == [4, 3]
    await station.close()


async def test_part4_4_1_4_repeat_after_the_answer_gets_the_stored_answer_without_a_rerun(
    node: RunningNode, monkeypatch: pytest.MonkeyPatch
) -> None:
    station = await node.booted_station("CS-DUP-AFTER")
    replies = HeldReplies(node, monkeypatch)
    replies.released.set()
    first = await station.call("Heartbeat", {}, message_id="dup-2")
    assert first[:2] == [3, "dup-2"]

    await station.send_frame([2, "dup-2", "Heartbeat", {}])
    assert await station.next_frame() == first
    assert (await station.call("Heartbeat", {}, message_id="hb-after"))[0] == 3
    assert replies.message_ids.count("dup-2") == 1
    await station.close()
