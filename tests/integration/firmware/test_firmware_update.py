"""Firmware updates (L01/L02) over a real websocket, real HTTP and real GraphQL, on SQLite and
PostgreSQL: a file the CSMS serves from its catalogue, the UpdateFirmware carrying its URL, the
station downloading it, the FirmwareStatusNotification timeline stored in order, and the
firmware version taken from the station's next BootNotification.

TC_L_01_CSMS (installation successful), TC_L_02_CSMS (InstallScheduled), TC_L_05/06/07/08
(the failure statuses), TC_L_10_CSMS (AcceptedCanceled), TC_L_11_CSMS (Rejected), TC_F_18
(an Idle status without a requestId).
"""

from __future__ import annotations

from typing import Any

import aiohttp

from tests.conftest import NodeFactory
from tests.support.firmware import (
    ADD,
    CERTIFICATE,
    FIRMWARE_BYTES,
    SIGNATURE,
    STATUSES,
    UPDATE,
    UPDATES,
    add_served_firmware,
    boot,
    boot_with_firmware,
    download,
    report,
    upload,
)
from tests.support.graphql import next_station_event
from tests.support.nodes import ADMIN_TOKEN, RunningNode
from tests.support.station import CallError, ScriptedStation

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type payload } }"
STATION_FIRMWARE = "query($id: ID!) { station(id: $id) { firmwareVersion } }"
HAPPY = ("Downloading", "Downloaded", "SignatureVerified", "Installing", "InstallRebooting")


async def _update(
    node: RunningNode,
    station: ScriptedStation,
    answer: dict[str, Any] | CallError | None,
    **variables: Any,
) -> tuple[list[Any], dict[str, Any]]:
    call, data = await node.run_answered(
        station, UPDATE, {"station": station.station_id, **variables}, "UpdateFirmware", answer
    )
    return call, data["updateFirmware"]


async def _updates(node: RunningNode, station_id: str) -> list[dict[str, Any]]:
    data = await node.graphql.data(UPDATES, {"station": station_id})
    return list(data["firmwareUpdates"])


async def test_a_station_updates_from_a_file_the_csms_serves_tc_l_01(db_node: RunningNode) -> None:
    """L01.FR.01, L01.FR.10, L01.FR.11 (the signing certificate is sent), L01.FR.15,
    L01.FR.28/32 (InstallRebooting, the boot, then Installed by the new firmware)."""
    entry = await add_served_firmware(db_node)
    assert entry["location"].startswith(f"{db_node.http_url}/firmware/files/")
    assert (entry["sizeBytes"], entry["signed"], entry["uploadPath"]) == (
        len(FIRMWARE_BYTES),
        True,
        None,
    )
    station = await boot_with_firmware(db_node, "CS-L01", "1.0.0")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-L01"}) as events:
        call, result = await _update(db_node, station, {"status": "Accepted"}, firmware=entry["id"])
        answered = await next_station_event(events, "FIRMWARE_UPDATE_ANSWERED")
        assert call[3]["requestId"] == 1
        assert call[3]["firmware"]["location"] == entry["location"]
        assert call[3]["firmware"]["signature"] == SIGNATURE
        assert call[3]["firmware"]["signingCertificate"] == CERTIFICATE.strip()
        assert "retrieveDateTime" in call[3]["firmware"]
        assert (result["outcome"], result["requestId"], result["status"]) == (
            "RESULT",
            1,
            "Accepted",
        )
        assert result["update"] == {
            "requestId": 1,
            "outcome": "RESULT",
            "status": "Accepted",
            "firmwareId": entry["id"],
            "location": entry["location"],
            "signed": True,
        }
        assert answered["payload"]["requestId"] == 1

        status, data = await download(db_node, call[3]["firmware"]["location"])
        assert (status, data) == (200, FIRMWARE_BYTES)
        await report(station, 1, *HAPPY)
        reported = await next_station_event(events, "FIRMWARE_STATUS")
        assert reported["payload"] == {"status": "Downloading", "requestId": 1}
    await station.close()
    rebooted = await db_node.station("CS-L01")
    await boot(rebooted, "2.0.0", reason="FirmwareUpdate")
    await report(rebooted, 1, "Installed")

    (update,) = await _updates(db_node, "CS-L01")
    assert [s["status"] for s in update["statuses"]] == [*HAPPY, "Installed"]
    assert {s["requestId"] for s in update["statuses"]} == {1}
    assert (update["lastStatus"], update["firmwareVersionAfter"]) == ("Installed", "2.0.0")
    assert update["bootedAfterAt"] is not None
    found = await db_node.graphql.data(STATION_FIRMWARE, {"id": "CS-L01"})
    assert found["station"]["firmwareVersion"] == "2.0.0"
    await rebooted.close()


async def test_a_served_file_is_refused_for_an_unknown_or_altered_path(
    db_node: RunningNode,
) -> None:
    entry = await add_served_firmware(db_node, signed=False)
    base, _, token = entry["location"].rpartition("/")
    for wrong in (f"{base}/{token[:-1]}", f"{base}/unknown-token", f"{base}/{token}x"):
        assert (await download(db_node, wrong))[0] == 404
    async with db_node.session.head(entry["location"]) as response:
        assert (response.status, response.content_length) == (200, len(FIRMWARE_BYTES))
    removed = await db_node.graphql.data(
        "mutation($id: Int!) { removeFirmware(id: $id) }", {"id": entry["id"]}
    )
    assert removed == {"removeFirmware": True}
    assert (await download(db_node, entry["location"]))[0] == 404


async def test_uploads_need_the_admin_token_and_one_file_within_the_limit(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    node = await make_node(sqlite_url, firmware_max_bytes=1000)
    added = (await node.graphql.data(ADD, {"input": {"version": "3.1"}}))["addFirmware"]
    path = added["uploadPath"]
    assert (added["served"], added["uploadedAt"], path) == (True, None, f"/firmware/{added['id']}")

    assert (await upload(node, path, b"x" * 10, token=None))[0] == 401
    assert (await upload(node, path, b"x" * 10, token="wrong-token-0123456789"))[0] == 401
    assert (await upload(node, path, b"x" * 1001))[0] == 413
    assert (await upload(node, path, b""))[0] == 400
    assert (await upload(node, "/firmware/999", b"x"))[0] == 404
    status, body = await upload(node, path, b"x" * 1000)
    assert (status, body["sizeBytes"], body["checksum"]) == (
        201,
        1000,
        "398533d48111e9f664b1f64cb10c4b63",
    )
    assert (await upload(node, path, b"y"))[0] == 409
    second = (await node.graphql.data(ADD, {"input": {"version": "3.1.1"}}))["addFirmware"]
    form = aiohttp.FormData()
    form.add_field("file", b"z" * 700, filename="fw.bin")
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    url = f"{node.http_url}{second['uploadPath']}"
    async with node.session.post(url, data=form, headers=headers) as response:
        assert (response.status, (await response.json())["sizeBytes"]) == (201, 700)
    found = await node.graphql.data(
        "query($id: Int!) { firmware(id: $id) { location } }", {"id": second["id"]}
    )
    assert (await download(node, found["firmware"]["location"])) == (200, b"z" * 700)
    external = await node.graphql.data(
        ADD, {"input": {"version": "3.2", "location": "https://vendor.example/fw.bin"}}
    )
    assert external["addFirmware"]["uploadPath"] is None
    assert (await upload(node, f"/firmware/{external['addFirmware']['id']}", b"x"))[0] == 404


async def test_answers_and_failures_are_stored_tc_l_04_tc_l_11(db_node: RunningNode) -> None:
    """L01.FR.22 (InvalidCertificate), TC_L_04 (RevokedCertificate), TC_L_11 (Rejected), an
    unsigned update from an explicit location (L02), a CALLERROR and a timeout."""
    station = await boot_with_firmware(db_node, "CS-L11", "1.0.0")
    location = "https://vendor.example/fw-2.bin"
    answers = ["Rejected", "InvalidCertificate", "RevokedCertificate"]
    for number, answer in enumerate(answers, start=1):
        call, result = await _update(
            db_node, station, {"status": answer}, location=location, retries=3, interval=60
        )
        assert (call[3]["requestId"], call[3]["retries"], call[3]["retryInterval"]) == (
            number,
            3,
            60,
        )
        assert "signature" not in call[3]["firmware"]
        assert result["status"] == answer
    refused = await db_node.run_refused(
        station, UPDATE, {"station": "CS-L11", "location": location}, "UpdateFirmware"
    )
    assert refused["requestId"] == 4
    timed_out = await db_node.run_timed_out(
        station, UPDATE, {"station": "CS-L11", "location": location}, "UpdateFirmware"
    )
    assert timed_out["requestId"] == 5
    updates = await _updates(db_node, "CS-L11")
    assert [(u["requestId"], u["outcome"], u["status"], u["errorCode"]) for u in updates] == [
        (5, "TIMEOUT", None, None),
        (4, "CALL_ERROR", None, "NotSupported"),
        (3, "RESULT", "RevokedCertificate", None),
        (2, "RESULT", "InvalidCertificate", None),
        (1, "RESULT", "Rejected", None),
    ]
    assert {(u["location"], u["signed"], u["firmwareId"]) for u in updates} == {
        (location, False, None)
    }
    await station.close()


async def test_failure_statuses_end_the_timeline_tc_l_05_to_08(db_node: RunningNode) -> None:
    """L01.FR.03 InvalidSignature, L01.FR.30 DownloadFailed, L01.FR.29
    InstallVerificationFailed, InstallationFailed: each the last status of its update."""
    station = await boot_with_firmware(db_node, "CS-L07", "1.0.0")
    location = "https://vendor.example/fw-3.bin"
    endings = ["DownloadFailed", "InvalidSignature", "InstallVerificationFailed"]
    for number, ending in enumerate(endings, start=1):
        await _update(db_node, station, {"status": "Accepted"}, location=location)
        await report(station, number, "Downloading", ending)
    updates = await _updates(db_node, "CS-L07")
    assert [(u["requestId"], u["lastStatus"]) for u in reversed(updates)] == [
        (1, "DownloadFailed"),
        (2, "InvalidSignature"),
        (3, "InstallVerificationFailed"),
    ]
    await station.close()


async def test_accepted_canceled_supersedes_the_update_under_way_tc_l_10(
    db_node: RunningNode,
) -> None:
    """L01.FR.24: a new UpdateFirmware while one is under way is answered AcceptedCanceled;
    the earlier update is marked superseded by the new one."""
    station = await boot_with_firmware(db_node, "CS-L10", "1.0.0")
    location = "https://vendor.example/fw-4.bin"
    await _update(db_node, station, {"status": "Accepted"}, location=location)
    await report(station, 1, "Downloading")
    _, second = await _update(db_node, station, {"status": "AcceptedCanceled"}, location=location)
    assert second["status"] == "AcceptedCanceled"
    await report(station, 2, "Downloading", "Downloaded", "Installing", "Installed")
    updates = await _updates(db_node, "CS-L10")
    assert [(u["requestId"], u["supersededBy"], u["lastStatus"]) for u in updates] == [
        (2, None, "Installed"),
        (1, 2, "Downloading"),
    ]
    await station.close()


async def test_idle_without_a_request_and_unknown_requests_are_kept_tc_f_18(
    db_node: RunningNode,
) -> None:
    """L01.FR.20 / L01.FR.25: an Idle status (after a TriggerMessage) comes without a
    requestId; a status for a requestId the CSMS never sent is kept on the timeline too.
    Neither is answered NotSupported any more."""
    station = await boot_with_firmware(db_node, "CS-F18", "1.0.0")
    await report(station, None, "Idle")
    await report(station, 77, "Downloading")
    answer = await station.call(
        "FirmwareStatusNotification", {"status": "Downloading", "requestId": 2**40}
    )
    assert answer[0] == 4 and answer[2] == "PropertyConstraintViolation", answer
    data = await db_node.graphql.data(STATUSES, {"station": "CS-F18"})
    assert data["firmwareStatusNotifications"] == [
        {"requestId": 77, "status": "Downloading"},
        {"requestId": None, "status": "Idle"},
    ]
    only = await db_node.graphql.data(STATUSES, {"station": "CS-F18", "request": 77})
    assert only["firmwareStatusNotifications"] == [{"requestId": 77, "status": "Downloading"}]
    await station.close()


async def test_install_date_time_and_scheduled_statuses_tc_l_02_tc_l_03(
    db_node: RunningNode,
) -> None:
    """L01.FR.16 InstallScheduled, L01.FR.13 DownloadScheduled: the install time is sent."""
    station = await boot_with_firmware(db_node, "CS-L02", "1.0.0")
    install = "2031-01-01T03:00:00Z"
    call, _ = await _update(
        db_node, station, {"status": "Accepted"}, location="ftp://fw.example/f", install=install
    )
    assert call[3]["firmware"]["installDateTime"] == "2031-01-01T03:00:00.000Z"
    await report(station, 1, "DownloadScheduled", "Downloading", "Downloaded", "InstallScheduled")
    (update,) = await _updates(db_node, "CS-L02")
    assert update["installDateTime"].startswith("2031-01-01T03:00:00")
    assert update["lastStatus"] == "InstallScheduled"
    assert update["firmwareVersionAfter"] is None
    await station.close()


async def test_bad_arguments_are_input_errors(db_node: RunningNode) -> None:
    await db_node.graphql.data('mutation { upsertStation(input: {id: "CS-BAD"}) { id } }')
    unready = (await db_node.graphql.data(ADD, {"input": {"version": "9"}}))["addFirmware"]
    cases: list[tuple[dict[str, Any], str]] = [
        ({"location": "not a url"}, "location"),
        ({}, "firmwareId"),
        ({"location": "https://a.example/f", "firmware": unready["id"]}, "firmwareId"),
        ({"firmware": 12345}, "firmwareId"),
        ({"firmware": unready["id"]}, "firmwareId"),
        ({"location": "https://a.example/f", "signed": True}, "signed"),
        ({"location": "https://a.example/f", "retries": -1}, "retries"),
        ({"location": "https://a.example/f", "install": "2001-01-01T00:00:00Z"}, "installDateTime"),
    ]
    for variables, field in cases:
        body = await db_node.graphql.execute(UPDATE, {"station": "CS-BAD", **variables})
        (error,) = body["errors"]
        assert error["extensions"]["field"] == field, (variables, error)
    bad_entries: list[tuple[dict[str, Any], str]] = [
        ({"version": ""}, "version"),
        ({"version": "1", "location": "nowhere"}, "location"),
        ({"version": "1", "checksum": "abc"}, "checksum"),
        ({"version": "1", "signature": "***"}, "signature"),
        ({"version": "1", "signingCertificate": "not pem"}, "signingCertificate"),
    ]
    for entry, field in bad_entries:
        body = await db_node.graphql.execute(ADD, {"input": entry})
        (error,) = body["errors"]
        assert (error["extensions"]["field"], error["extensions"]["code"]) == (
            field,
            "BAD_USER_INPUT",
        ), entry


async def test_an_offline_or_unknown_station(db_node: RunningNode) -> None:
    location = "https://vendor.example/fw.bin"
    unknown = await db_node.graphql.data(UPDATE, {"station": "NOBODY", "location": location})
    assert (unknown["updateFirmware"]["outcome"], unknown["updateFirmware"]["requestId"]) == (
        "OFFLINE",
        None,
    )
    await db_node.graphql.data('mutation { upsertStation(input: {id: "CS-AWAY"}) { id } }')
    away = await db_node.graphql.data(UPDATE, {"station": "CS-AWAY", "location": location})
    assert (away["updateFirmware"]["outcome"], away["updateFirmware"]["requestId"]) == (
        "OFFLINE",
        1,
    )
    (update,) = await _updates(db_node, "CS-AWAY")
    assert update["outcome"] == "OFFLINE"
