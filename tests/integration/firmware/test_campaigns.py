"""Firmware campaigns over real websockets and real GraphQL: a rollout across five stations in
waves of at most two, one station failing and the campaign halting at its threshold (the last
station is never sent anything), and a campaign resumed by a second node started on the same
database after the first one stopped."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from tests.conftest import NodeFactory
from tests.support.firmware import add_served_firmware, boot_with_firmware, report
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

FAST = {"firmware_campaign_interval": 0.05}
"""Campaign rounds every 50 ms, so the tests wait little for the runner."""

CREATE = """
mutation($input: CreateFirmwareCampaignInput!) {
  createFirmwareCampaign(input: $input) {
    id name status active total pending version location maxConcurrent
    stations { stationId state }
  }
}
"""

CAMPAIGN = """
query($id: Int!) {
  firmwareCampaign(id: $id) {
    id status active haltedReason wave leaseOwner total pending updating succeeded failed
    stations { stationId state wave requestId failureReason lastStatus status outcome }
  }
}
"""

EVENTS = "subscription { stationEvents { type stationId payload } }"
INSTALL = ("Downloading", "Downloaded", "Installing", "Installed")


async def _campaign(node: RunningNode, campaign_id: int) -> dict[str, Any]:
    data = await node.graphql.data(CAMPAIGN, {"id": campaign_id})
    found: dict[str, Any] = data["firmwareCampaign"]
    return found


async def _until(
    node: RunningNode, campaign_id: int, holds: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    """The campaign once `holds(campaign)` (a bounded wait, never a timing assertion)."""
    for _ in range(400):
        campaign = await _campaign(node, campaign_id)
        if holds(campaign):
            return campaign
        await asyncio.sleep(0.05)
    raise AssertionError(f"campaign never reached the state wanted: {campaign}")


def _states(campaign: dict[str, Any]) -> dict[str, str]:
    return {s["stationId"]: s["state"] for s in campaign["stations"]}


async def _accept(station: ScriptedStation) -> int:
    """Answer the station's UpdateFirmware Accepted; its requestId."""
    call = await station.expect_call("UpdateFirmware")
    await station.reply(call[1], {"status": "Accepted"})
    return int(call[3]["requestId"])


async def test_a_campaign_rolls_out_in_waves_and_halts_at_its_failure_threshold(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url, **FAST)
    entry = await add_served_firmware(node, "5.0.0")
    ids = [f"FLEET-{n}" for n in range(1, 6)]
    stations = {sid: await boot_with_firmware(node, sid, "4.0.0", "FleetVendor") for sid in ids}
    await boot_with_firmware(node, "OTHER-1", "4.0.0", "OtherVendor")
    created = await node.graphql.data(
        CREATE,
        {
            "input": {
                "name": "fleet 5.0.0",
                "firmwareId": entry["id"],
                "vendorName": "FleetVendor",
                "maxConcurrent": 2,
                "maxFailures": 1,
            }
        },
    )
    campaign = created["createFirmwareCampaign"]
    assert (campaign["status"], campaign["total"], campaign["version"]) == ("Running", 5, "5.0.0")
    assert [s["stationId"] for s in campaign["stations"]] == ids
    assert campaign["location"] == entry["location"]
    campaign_id = campaign["id"]

    async with node.graphql.subscribe(EVENTS) as events:
        await node.wait_subscribers(1)
        first = [await _accept(stations[sid]) for sid in ids[:2]]
        during = await _campaign(node, campaign_id)
        assert _states(during) == dict(
            zip(ids, ["Updating", "Updating", "Pending", "Pending", "Pending"], strict=True)
        )
        for sid, request_id in zip(ids[:2], first, strict=True):
            await report(stations[sid], request_id, *INSTALL)
        third = await _accept(stations[ids[2]])
        fourth = await _accept(stations[ids[3]])
        await report(stations[ids[2]], third, "Downloading", "DownloadFailed")
        halted = await _until(node, campaign_id, lambda c: c["status"] == "Halted")
        assert halted["active"] is True  # the fourth station is still followed
        await report(stations[ids[3]], fourth, *INSTALL)
        done = await _until(node, campaign_id, lambda c: not c["active"])
        progress: list[tuple[str, str]] = []
        while ("FLEET-4", "Succeeded") not in progress:
            event = (await events.next())["stationEvents"]
            if event["type"] == "FIRMWARE_CAMPAIGN_PROGRESS":
                progress.append((event["stationId"], event["payload"]["state"]))
    assert ("FLEET-3", "Failed") in progress
    assert (done["status"], done["wave"]) == ("Halted", 2)
    assert (done["succeeded"], done["failed"], done["pending"], done["updating"]) == (3, 1, 1, 0)
    assert "1 of 5 stations failed" in done["haltedReason"]
    rows = {s["stationId"]: s for s in done["stations"]}
    assert [rows[sid]["wave"] for sid in ids] == [1, 1, 2, 2, None]
    assert rows["FLEET-3"]["failureReason"] == "DownloadFailed"
    assert rows["FLEET-5"] == {
        "stationId": "FLEET-5",
        "state": "Pending",
        "wave": None,
        "requestId": None,
        "failureReason": None,
        "lastStatus": None,
        "status": None,
        "outcome": None,
    }
    never = await node.graphql.data('{ firmwareUpdates(stationId: "FLEET-5") { requestId } }')
    assert never["firmwareUpdates"] == []  # its update was never even recorded, so never sent
    for station in stations.values():
        await station.close()


async def test_refused_and_unanswered_updates_fail_their_stations(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    """A Rejected UpdateFirmware and an offline station are failures; with a fraction
    threshold the campaign halts once they reach it."""
    node = await make_node(sqlite_url, **FAST)
    entry = await add_served_firmware(node, "6.0.0", signed=False)
    online = await boot_with_firmware(node, "FR-1", "1.0")
    await node.graphql.data('mutation { upsertStation(input: {id: "FR-2"}) { id } }')
    await boot_with_firmware(node, "FR-3", "1.0")
    created = await node.graphql.data(
        CREATE,
        {
            "input": {
                "name": "fractions",
                "firmwareId": entry["id"],
                "stationIds": ["FR-1", "FR-2", "FR-3"],
                "maxConcurrent": 2,
                "maxFailureFraction": 0.5,
            }
        },
    )
    campaign_id = created["createFirmwareCampaign"]["id"]
    call = await online.expect_call("UpdateFirmware")
    await online.reply(call[1], {"status": "Rejected"})
    done = await _until(node, campaign_id, lambda c: c["status"] == "Halted")
    rows = {s["stationId"]: s for s in done["stations"]}
    assert (rows["FR-1"]["failureReason"], rows["FR-1"]["status"]) == ("Rejected", "Rejected")
    assert (rows["FR-2"]["failureReason"], rows["FR-2"]["outcome"]) == ("OFFLINE", "OFFLINE")
    assert rows["FR-3"]["state"] == "Pending"
    assert "maxFailureFraction 0.5" in done["haltedReason"]


async def test_a_second_node_resumes_a_campaign_after_a_restart(
    make_node: NodeFactory, database_url: str
) -> None:
    """The campaign is in the database: the first node releases its lease when it stops, the
    second (same database) takes it at its first round, settles the station that finished
    meanwhile and starts the next wave."""
    first = await make_node(database_url, **FAST)
    entry = await add_served_firmware(first, "7.0.0")
    ids = ["RS-1", "RS-2", "RS-3"]
    stations = [await boot_with_firmware(first, sid, "6.0.0") for sid in ids]
    created = await first.graphql.data(
        CREATE,
        {"input": {"name": "resume", "firmwareId": entry["id"], "stationIds": ids}},
    )
    campaign_id = created["createFirmwareCampaign"]["id"]
    request_id = await _accept(stations[0])
    await report(stations[0], request_id, "Downloading")
    running = await _campaign(first, campaign_id)
    assert running["leaseOwner"] == first.settings.node_id
    await first.server.close()
    for station in stations:
        await station.close()

    second = await make_node(database_url, **FAST)
    back = [await boot_with_firmware(second, sid, "6.0.0") for sid in ids]
    await report(back[0], request_id, "Downloaded", "Installing", "Installed")
    next_request = await _accept(back[1])
    assert next_request == 1  # RS-2's first update
    resumed = await _until(second, campaign_id, lambda c: _states(c)["RS-2"] == "Updating")
    assert resumed["leaseOwner"] == second.settings.node_id
    assert _states(resumed) == {"RS-1": "Succeeded", "RS-2": "Updating", "RS-3": "Pending"}
    assert resumed["wave"] == 2
    for station in back:
        await station.close()


async def test_cancel_and_campaign_refusals(make_node: NodeFactory, sqlite_url: str) -> None:
    node = await make_node(sqlite_url, **FAST)
    entry = await add_served_firmware(node, "8.0.0")
    station = await boot_with_firmware(node, "CX-1", "1.0")
    bad: list[tuple[dict[str, Any], str]] = [
        ({}, "stationIds"),
        ({"stationIds": ["NOPE"]}, "stationIds"),
        ({"stationIds": ["CX-1"], "vendorName": "VendorX"}, "stationIds"),
        ({"vendorName": "Nobody"}, "stationIds"),
        ({"stationIds": ["CX-1"], "maxConcurrent": 0}, "maxConcurrent"),
        ({"stationIds": ["CX-1"], "maxFailureFraction": 1.5}, "maxFailureFraction"),
        ({"stationIds": ["CX-1"], "firmwareId": 999}, "firmwareId"),
    ]
    for extra, field in bad:
        body = await node.graphql.execute(
            CREATE, {"input": {"name": "x", "firmwareId": entry["id"], **extra}}
        )
        (error,) = body["errors"]
        assert error["extensions"]["field"] == field, (extra, error)
    created = await node.graphql.data(
        CREATE, {"input": {"name": "x", "firmwareId": entry["id"], "stationIds": ["CX-1"]}}
    )
    campaign_id = created["createFirmwareCampaign"]["id"]
    request_id = await _accept(station)
    removal = await node.graphql.execute(
        "mutation($id: Int!) { removeFirmware(id: $id) }", {"id": entry["id"]}
    )
    assert removal["errors"][0]["extensions"]["field"] == "id"
    canceled = await node.graphql.data(
        "mutation($id: Int!) { cancelFirmwareCampaign(id: $id) { status active } }",
        {"id": campaign_id},
    )
    assert canceled["cancelFirmwareCampaign"] == {"status": "Canceled", "active": True}
    await report(station, request_id, *INSTALL)
    done = await _until(node, campaign_id, lambda c: not c["active"])
    assert (done["status"], done["succeeded"]) == ("Canceled", 1)
    again = await node.graphql.execute(
        "mutation($id: Int!) { cancelFirmwareCampaign(id: $id) { status } }", {"id": campaign_id}
    )
    assert again["errors"][0]["extensions"]["field"] == "id"
    listed = await node.graphql.data("{ firmwareCampaigns(active: false) { id status } }")
    assert listed["firmwareCampaigns"] == [{"id": campaign_id, "status": "Canceled"}]
    await station.close()
