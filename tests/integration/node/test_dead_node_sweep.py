"""The dead-node sweep in one process, on the in-process bus (issue 20 item 1): a station the
database still shows online on a node whose liveness key is gone is handed a DISCONNECTED,
and however many are handed (two nodes sweeping at once, one of them on a read taken before
the first was handled) it yields exactly one DISCONNECTED event, which a live subscriber
receives."""

from __future__ import annotations

import asyncio

from app.node_liveness import DeadNodeSweep, NodeLiveness
from modules.kernel import topics
from modules.kernel.connection_ids import connection_id
from modules.kernel.envelope import Envelope, Kind
from modules.kernel.live import Subscriber
from modules.kernel.ports import Bus
from modules.provisioning import Disconnected, SqlProvisioningStore
from tests.support.nodes import RunningNode

STATION = "CS-SWEPT"
DEAD_NODE = "node-gone"
BOUND = 30.0
"""A correctness bound for what must happen eventually, not a speed target."""


async def _lifecycle(bus: Bus, kind: Kind, node_id: str, connection: str) -> None:
    envelope = Envelope(kind, STATION, node_id=node_id, connection_id=connection)
    await bus.publish(topics.STATION_CALLS, envelope.to_bytes(), ordering_key=STATION)


async def _next_type(events: Subscriber) -> str:
    return (await asyncio.wait_for(events.next(), BOUND)).event.type


async def test_a_swept_station_yields_one_disconnected_event_however_often_it_is_swept(
    node: RunningNode,
) -> None:
    wiring = node.node
    assert wiring.events is not None and wiring.dead_node_sweep is not None
    await wiring.dead_node_sweep.stop()  # no sweep but the test's own from here on
    events = wiring.events.subscribe(STATION)
    held = connection_id(1)
    await _lifecycle(wiring.bus, Kind.CONNECTED, DEAD_NODE, held)
    assert await _next_type(events) == "CONNECTED"
    read_before = await SqlProvisioningStore().connections_by_node()
    assert read_before == {DEAD_NODE: [(STATION, held)]}

    async def read_before_the_first_was_handled() -> dict[str, list[tuple[str, str]]]:
        return read_before

    lagging = DeadNodeSweep(
        NodeLiveness(wiring.cache, "node-other"), read_before_the_first_was_handled, wiring.bus
    )
    _, once, twice = await asyncio.gather(
        wiring.dead_node_sweep.sweep(), lagging.sweep(), lagging.sweep()
    )
    assert once == twice == 1
    # the station comes back on this node: in the station's order, after every DISCONNECTED
    here, back = wiring.settings.node_id, connection_id(2)
    await _lifecycle(wiring.bus, Kind.CONNECTED, here, back)
    assert [await _next_type(events), await _next_type(events)] == ["DISCONNECTED", "CONNECTED"]
    # a sweep on a read from before the station came back leaves its new connection alone
    assert await lagging.sweep() == 1
    # (the station's connection here is the test's own, without a socket: a sweep that knows
    # this node's sockets would hand it a DISCONNECTED, see the next test)
    dead_nodes_only = DeadNodeSweep(
        NodeLiveness(wiring.cache, here), SqlProvisioningStore().connections_by_node, wiring.bus
    )
    assert await dead_nodes_only.sweep() == 0
    await _lifecycle(wiring.bus, Kind.DISCONNECTED, here, back)
    last = (await asyncio.wait_for(events.next(), BOUND)).event
    assert isinstance(last, Disconnected) and last.node_id == here
    wiring.events.unsubscribe(events)


async def test_a_station_online_on_this_node_without_a_socket_here_is_swept(
    node: RunningNode,
) -> None:
    """A station the database shows online on this very node, under a connection no socket
    of this node holds (its DISCONNECTED was lost, say the bus gave up on it during a
    database outage), is handed one by this node's own sweep; a station whose socket this
    node holds is left alone."""
    wiring = node.node
    assert wiring.events is not None and wiring.dead_node_sweep is not None
    await wiring.dead_node_sweep.stop()  # no sweep but the test's own from here on
    connected = await node.booted_station("CS-HELD")
    here = wiring.settings.node_id
    events = wiring.events.subscribe(STATION)
    await _lifecycle(wiring.bus, Kind.CONNECTED, here, connection_id(7))
    assert await _next_type(events) == "CONNECTED"
    assert await wiring.dead_node_sweep.sweep() == 1
    last = (await asyncio.wait_for(events.next(), BOUND)).event
    assert isinstance(last, Disconnected) and last.node_id == here
    assert await wiring.dead_node_sweep.sweep() == 0
    online = await SqlProvisioningStore().connections_by_node()
    assert [station for station, _ in online.get(here, [])] == ["CS-HELD"]
    wiring.events.unsubscribe(events)
    await connected.close()
