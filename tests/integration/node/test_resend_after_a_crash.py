"""A node killed (SIGKILL) right after it committed and answered a MeterValues and a
SecurityEventNotification: the station, which may not have seen the answers, sends both again
to the restarted node under new message ids on a new connection. Nothing the node kept in
memory or in its reply cache survives, yet each sample and the security event are stored once:
the database's natural keys recognise the resend (J01, A04.FR.03)."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import aiohttp

from tests.support.graphql import GraphQLClient
from tests.support.node_process import NodeProcess, node_process
from tests.support.nodes import ADMIN_TOKEN
from tests.support.station import ScriptedStation

STATION = "CS-CRASH"
METER_VALUES = {
    "evseId": 1,
    "meterValue": [
        {
            "timestamp": "2026-12-07T10:00:00Z",
            "sampledValue": [
                {"value": 1500.0, "context": "Sample.Periodic"},
                {"value": 230.4, "measurand": "Voltage", "unitOfMeasure": {"unit": "V"}},
            ],
        }
    ],
}
SECURITY_EVENT = {"type": "Tamper", "timestamp": "2026-12-07T10:00:01Z", "techInfo": "lid open"}
READ_BACK = """
query($id: ID!) {
  meterSamples(stationId: $id, first: 100) { sampledAt measurand value }
  securityEvents(stationId: $id) { type techInfo }
}
"""


async def _station(session: aiohttp.ClientSession, node: NodeProcess) -> ScriptedStation:
    return await ScriptedStation.connect(session, f"ws://127.0.0.1:{node.port}", STATION)


async def test_messages_resent_to_a_restarted_node_after_a_kill_are_stored_once(
    database_url: str, tmp_path: Path
) -> None:
    async with aiohttp.ClientSession() as session:
        async with node_process(database_url, tmp_path, admin_token=ADMIN_TOKEN) as first:
            station = await _station(session, first)
            assert (await station.boot())[0] == 3
            sent = await station.call("MeterValues", METER_VALUES, "mv-1")
            reported = await station.call("SecurityEventNotification", SECURITY_EVENT, "sec-1")
            first.process.send_signal(signal.SIGKILL)
            await first.process.wait()
            await station.close()

        async with node_process(database_url, tmp_path, admin_token=ADMIN_TOKEN) as second:
            station = await _station(session, second)
            again = await station.call("MeterValues", METER_VALUES, "mv-1-resent")
            reported_again = await station.call(
                "SecurityEventNotification", SECURITY_EVENT, "sec-1-resent"
            )
            graphql = GraphQLClient(session, f"http://127.0.0.1:{second.port}/graphql", ADMIN_TOKEN)
            data: dict[str, Any] = await graphql.data(READ_BACK, {"id": STATION})
            await station.close()

    assert (sent, reported) == ([3, "mv-1", {}], [3, "sec-1", {}])
    assert (again, reported_again) == ([3, "mv-1-resent", {}], [3, "sec-1-resent", {}])
    assert sorted((s["measurand"], s["value"]) for s in data["meterSamples"]) == [
        ("Energy.Active.Import.Register", 1500.0),
        ("Voltage", 230.4),
    ]
    assert data["securityEvents"] == [{"type": "Tamper", "techInfo": "lid open"}]
