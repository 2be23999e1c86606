"""Device-model reports that never complete (issue 24 item 16), over a real websocket and real
GraphQL, on SQLite and PostgreSQL: a report with no NotifyReport part for
CSMS_REPORT_TIMEOUT_SECONDS is FAILED with its reason, one the station refused or never
answered is FAILED at once, and a late part still completes a report (B07/B08).

The node runs on a clock the test moves forward, so nothing waits for real time."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import aiohttp

from app.clock import utc_now
from tests.integration.device_model.test_reports import report_item, send_part
from tests.support.nodes import RunningNode, node_settings, start_node
from tests.support.station import ScriptedStation

TIMEOUT = 120
BASE_REPORT = """
mutation($station: ID!, $timeout: Float) {
  getBaseReport(stationId: $station, reportBase: FullInventory, timeoutSeconds: $timeout) {
    outcome requestId report { state failed failureReason }
  }
}
"""
REPORTS = """
query($station: ID!) {
  deviceModelReports(stationId: $station) {
    requestId status parts completed state failed failureReason
  }
}
"""


class MovableClock:
    """Real time plus an offset the test moves forward."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return utc_now() + self.offset


async def clocked_node(
    database_url: str, session: aiohttp.ClientSession, nodes: list[RunningNode]
) -> tuple[RunningNode, MovableClock]:
    clock = MovableClock()
    settings = node_settings(database_url, report_timeout_seconds=TIMEOUT)
    node = await start_node(settings, session, now=clock)
    nodes.append(node)
    return node, clock


async def request_report(
    node: RunningNode, station: ScriptedStation, answer: dict[str, Any] | None
) -> dict[str, Any]:
    """getBaseReport, the station answering `answer` (None: silent until a 0.3 s timeout)."""
    variables = {"station": station.station_id, "timeout": 0.3}
    pending = asyncio.create_task(node.graphql.data(BASE_REPORT, variables))
    call = await station.expect_call("GetBaseReport")
    if answer is not None:
        await station.reply(call[1], answer)
    result: dict[str, Any] = (await pending)["getBaseReport"]
    return result


async def reports(node: RunningNode, station_id: str) -> dict[int, dict[str, Any]]:
    data = await node.graphql.data(REPORTS, {"station": station_id})
    return {row["requestId"]: row for row in data["deviceModelReports"]}


async def test_a_report_missing_parts_fails_after_the_report_timeout(
    database_url: str, http_session: aiohttp.ClientSession, started_nodes: list[RunningNode]
) -> None:
    """Part 0 of two arrives, part 1 never does: PENDING until CSMS_REPORT_TIMEOUT_SECONDS
    have passed since that part, then FAILED saying so; the late part still completes it."""
    node, clock = await clocked_node(database_url, http_session, started_nodes)
    station = await node.booted_station("CS-RT-1")
    asked = await request_report(node, station, {"status": "Accepted"})
    assert asked["report"] == {"state": "PENDING", "failed": False, "failureReason": None}
    request_id = asked["requestId"]
    await send_part(station, request_id, 0, True, [report_item("C", "V", "1")])

    clock.offset = timedelta(seconds=TIMEOUT - 1)
    assert (await reports(node, "CS-RT-1"))[request_id]["state"] == "PENDING"
    clock.offset = timedelta(seconds=TIMEOUT + 1)
    failed = (await reports(node, "CS-RT-1"))[request_id]
    assert (failed["state"], failed["failed"], failed["completed"]) == ("FAILED", True, False)
    assert failed["failureReason"].startswith("timed out: no NotifyReport part within 120 s")
    assert "1 part(s) received" in failed["failureReason"]

    await send_part(station, request_id, 1, False, [report_item("C", "W", "2")])
    done = (await reports(node, "CS-RT-1"))[request_id]
    assert (done["state"], done["failed"], done["completed"]) == ("COMPLETED", False, True)


async def test_a_report_without_any_part_fails_after_the_timeout_since_its_request(
    database_url: str, http_session: aiohttp.ClientSession, started_nodes: list[RunningNode]
) -> None:
    node, clock = await clocked_node(database_url, http_session, started_nodes)
    station = await node.booted_station("CS-RT-2")
    request_id = (await request_report(node, station, {"status": "Accepted"}))["requestId"]
    clock.offset = timedelta(seconds=TIMEOUT)
    failed = (await reports(node, "CS-RT-2"))[request_id]
    assert failed["state"] == "FAILED" and "of the request" in failed["failureReason"]


async def test_a_refused_or_unanswered_request_fails_at_once(
    database_url: str, http_session: aiohttp.ClientSession, started_nodes: list[RunningNode]
) -> None:
    """NotSupported: no NotifyReport follows (B07); no answer: nothing will come either."""
    node, _ = await clocked_node(database_url, http_session, started_nodes)
    station = await node.booted_station("CS-RT-3")
    refused = await request_report(node, station, {"status": "NotSupported"})
    assert refused["report"] == {
        "state": "FAILED",
        "failed": True,
        "failureReason": "the station answered NotSupported: no report follows",
    }
    silent = await request_report(node, station, None)
    assert silent["outcome"] == "TIMEOUT"
    row = (await reports(node, "CS-RT-3"))[silent["requestId"]]
    assert (row["state"], row["failureReason"]) == (
        "FAILED",
        "the request got no answer: TIMEOUT",
    )
