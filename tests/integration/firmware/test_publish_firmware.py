"""Publishing firmware on a local controller (L03) and unpublishing it (L04) over a real
websocket and real GraphQL, on SQLite and PostgreSQL: the PublishFirmware carries the catalogue
file's URL and MD5 checksum under a CSMS-allocated requestId, the controller's
PublishFirmwareStatusNotifications are its timeline with the URIs it published at, and the
UnpublishFirmware answer is stored on the publication."""

from __future__ import annotations

import hashlib
from typing import Any

from tests.support.firmware import FIRMWARE_BYTES, add_served_firmware, boot_with_firmware
from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

PUBLISH = """
mutation($station: ID!, $firmware: Int, $location: String, $checksum: String) {
  publishFirmware(stationId: $station, firmwareId: $firmware, location: $location,
                  checksum: $checksum, retries: 2, retryInterval: 30) {
    outcome requestId status publication { requestId checksum location status outcome }
  }
}
"""

UNPUBLISH = """
mutation($station: ID!, $checksum: String, $firmware: Int) {
  unpublishFirmware(stationId: $station, checksum: $checksum, firmwareId: $firmware) {
    outcome status errorCode
  }
}
"""

PUBLICATIONS = """
query($station: ID!) {
  firmwarePublications(stationId: $station) {
    requestId firmwareId location checksum retries retryInterval outcome status lastStatus
    publishedLocations unpublishStatus unpublishedAt
    statuses { requestId status locations }
  }
}
"""

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type payload } }"
PUBLISHED = ["http://lc.local/fw.bin", "ftp://lc.local/fw.bin"]


async def _publish_status(
    station: ScriptedStation, request_id: int | None, status: str, location: list[str] | None = None
) -> None:
    payload: dict[str, Any] = {"status": status}
    if request_id is not None:
        payload["requestId"] = request_id
    if location is not None:
        payload["location"] = location
    answer = await station.call("PublishFirmwareStatusNotification", payload)
    assert answer == [3, answer[1], {}], answer


async def test_publish_and_unpublish_on_a_local_controller_l03_l04(db_node: RunningNode) -> None:
    """L03.FR.01/02/04/05/09, L04.FR.02 and L04.FR.03."""
    entry = await add_served_firmware(db_node, signed=False)
    md5 = hashlib.md5(FIRMWARE_BYTES).hexdigest()
    assert entry["checksum"] == md5
    controller = await boot_with_firmware(db_node, "LC-1", "1.0.0")
    async with db_node.graphql.subscribe(EVENTS, {"id": "LC-1"}) as events:
        call, data = await db_node.run_answered(
            controller,
            PUBLISH,
            {"station": "LC-1", "firmware": entry["id"]},
            "PublishFirmware",
            {"status": "Accepted"},
        )
        assert call[3] == {
            "location": entry["location"],
            "checksum": md5,
            "requestId": 1,
            "retries": 2,
            "retryInterval": 30,
        }
        result = data["publishFirmware"]
        assert (result["outcome"], result["requestId"], result["status"]) == (
            "RESULT",
            1,
            "Accepted",
        )
        assert result["publication"]["status"] == "Accepted"
        await next_station_event(events, "FIRMWARE_PUBLISH_ANSWERED")
        for status in ("Downloading", "Downloaded", "ChecksumVerified"):
            await _publish_status(controller, 1, status)
        await _publish_status(controller, 1, "Published", PUBLISHED)
        published = await next_station_event(events, "PUBLISH_FIRMWARE_STATUS")
        assert published["payload"]["requestId"] == 1
    await _publish_status(controller, None, "Idle")

    _, unpublished = await db_node.run_answered(
        controller,
        UNPUBLISH,
        {"station": "LC-1", "firmware": entry["id"]},
        "UnpublishFirmware",
        {"status": "Unpublished"},
    )
    assert unpublished["unpublishFirmware"] == {
        "outcome": "RESULT",
        "status": "Unpublished",
        "errorCode": None,
    }
    (publication,) = (await db_node.graphql.data(PUBLICATIONS, {"station": "LC-1"}))[
        "firmwarePublications"
    ]
    assert publication["publishedLocations"] == PUBLISHED
    assert (publication["lastStatus"], publication["unpublishStatus"]) == (
        "Published",
        "Unpublished",
    )
    assert [(s["status"], s["locations"]) for s in publication["statuses"]] == [
        ("Downloading", []),
        ("Downloaded", []),
        ("ChecksumVerified", []),
        ("Published", PUBLISHED),
    ]
    call, again = await db_node.run_answered(
        controller,
        UNPUBLISH,
        {"station": "LC-1", "checksum": md5.upper()},
        "UnpublishFirmware",
        {"status": "NoFirmware"},
    )
    assert call[3] == {"checksum": md5}
    assert again["unpublishFirmware"]["status"] == "NoFirmware"
    await controller.close()


async def test_publishing_an_explicit_location_and_its_failures_l03_fr_06_07(
    db_node: RunningNode,
) -> None:
    controller = await boot_with_firmware(db_node, "LC-2", "1.0.0")
    variables = {
        "station": "LC-2",
        "location": "https://vendor.example/fw.bin",
        "checksum": "0123456789abcdef0123456789abcdef",
    }
    _, rejected = await db_node.run_answered(
        controller, PUBLISH, variables, "PublishFirmware", {"status": "Rejected"}
    )
    assert rejected["publishFirmware"]["status"] == "Rejected"
    await db_node.run_answered(
        controller, PUBLISH, variables, "PublishFirmware", {"status": "Accepted"}
    )
    await _publish_status(controller, 2, "Downloading")
    await _publish_status(controller, 2, "InvalidChecksum")
    publications = (await db_node.graphql.data(PUBLICATIONS, {"station": "LC-2"}))[
        "firmwarePublications"
    ]
    assert [(p["requestId"], p["status"], p["lastStatus"]) for p in publications] == [
        (2, "Accepted", "InvalidChecksum"),
        (1, "Rejected", None),
    ]
    no_checksum = await db_node.graphql.execute(
        PUBLISH, {"station": "LC-2", "location": "https://vendor.example/fw.bin"}
    )
    assert no_checksum["errors"][0]["extensions"]["field"] == "checksum"
    await controller.close()
