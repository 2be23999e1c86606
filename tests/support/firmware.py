"""Firmware test helpers: the GraphQL documents, a catalogue entry with its uploaded file, a
station that boots with a firmware version and reports its update's statuses, and a signed
firmware's signature and certificate."""

from __future__ import annotations

from typing import Any

from tests.support.nodes import ADMIN_TOKEN, RunningNode
from tests.support.station import Frame, ScriptedStation

SIGNATURE = "c2lnbmVkIGJ5IHRoZSBtYW51ZmFjdHVyZXI="
CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUXq\n-----END CERTIFICATE-----\n"
FIRMWARE_BYTES = bytes(range(256)) * 4099 + b"tail"
"""A file of a little over 1 MiB: it spans two stored chunks."""

ADD = """
mutation($input: AddFirmwareInput!) {
  addFirmware(input: $input) {
    id version location served uploadPath checksum sha256 sizeBytes signed uploadedAt
  }
}
"""

FIRMWARES = "{ firmwares { id version location served checksum sizeBytes signed uploadPath } }"

UPDATE = """
mutation($station: ID!, $firmware: Int, $location: String, $signed: Boolean,
         $install: DateTime, $retries: Int, $interval: Int, $timeout: Float) {
  updateFirmware(stationId: $station, firmwareId: $firmware, location: $location,
                 signed: $signed, installDateTime: $install, retries: $retries,
                 retryInterval: $interval, timeoutSeconds: $timeout) {
    outcome requestId status statusInfo { reasonCode additionalInfo } errorCode
    update { requestId outcome status firmwareId location signed }
  }
}
"""

UPDATES = """
query($station: ID!) {
  firmwareUpdates(stationId: $station) {
    requestId firmwareId campaignId location signed retries retryInterval installDateTime
    outcome status reasonCode errorCode lastStatus supersededBy
    firmwareVersionAfter bootedAfterAt
    statuses { requestId status receivedAt }
  }
}
"""

STATUSES = """
query($station: ID!, $request: Int) {
  firmwareStatusNotifications(stationId: $station, requestId: $request) { requestId status }
}
"""


async def add_served_firmware(
    node: RunningNode, version: str = "2.0.0", signed: bool = True, data: bytes = FIRMWARE_BYTES
) -> dict[str, Any]:
    """A catalogue entry the CSMS serves, with `data` uploaded; the entry as read back."""
    entry: dict[str, Any] = {"version": version}
    if signed:
        entry |= {"signature": SIGNATURE, "signingCertificate": CERTIFICATE}
    added = (await node.graphql.data(ADD, {"input": entry}))["addFirmware"]
    status, _ = await upload(node, added["uploadPath"], data)
    assert status == 201
    (found,) = [
        row for row in (await node.graphql.data(FIRMWARES))["firmwares"] if row["id"] == added["id"]
    ]
    return dict(found)


async def upload(
    node: RunningNode, path: str, data: bytes, token: str | None = ADMIN_TOKEN
) -> tuple[int, dict[str, Any]]:
    """PUT `data` to an upload path; the HTTP status and the JSON answer."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with node.session.put(f"{node.http_url}{path}", data=data, headers=headers) as response:
        return response.status, await response.json()


async def download(node: RunningNode, location: str) -> tuple[int, bytes]:
    """What a station gets when it fetches `location` over HTTP."""
    async with node.session.get(location) as response:
        return response.status, await response.read()


async def boot_with_firmware(
    node: RunningNode, station_id: str, version: str, vendor: str = "VendorX"
) -> ScriptedStation:
    """Connect a station and boot it reporting `version`."""
    station = await node.station(station_id)
    await boot(station, version, vendor=vendor)
    return station


async def boot(
    station: ScriptedStation, version: str, reason: str = "PowerUp", vendor: str = "VendorX"
) -> Frame:
    """A BootNotification carrying the firmware version; asserts it was Accepted."""
    answer = await station.call(
        "BootNotification",
        {
            "reason": reason,
            "chargingStation": {"vendorName": vendor, "model": "M1", "firmwareVersion": version},
        },
    )
    assert answer[0] == 3 and answer[2]["status"] == "Accepted", answer
    return answer


async def report(station: ScriptedStation, request_id: int | None, *statuses: str) -> None:
    """Send FirmwareStatusNotifications, each confirmed with an empty answer."""
    for status in statuses:
        payload: dict[str, Any] = {"status": status}
        if request_id is not None:
            payload["requestId"] = request_id
        answer = await station.call("FirmwareStatusNotification", payload)
        assert answer == [3, answer[1], {}], answer
