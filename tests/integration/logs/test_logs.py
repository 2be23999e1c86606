"""Logs (N01) over a real websocket, real HTTP and real GraphQL, on SQLite and PostgreSQL: a
GetLog carrying the CSMS's own one-time upload URL, the station uploading its log there
(multipart POST or raw PUT), the file downloaded through the API, the LogStatusNotification
timeline; uploads refused with a wrong or spent token and when too large.

TC_N_25_CS seen from the CSMS (GetLog DiagnosticsLog, Uploading, Uploaded; N01.FR.01/02/04/
07/08/09), TC_N_26_CS (retries and retryInterval), TC_N_27_CS (Rejected, N01.FR.05),
TC_N_28_CS (UploadFailure, N01.FR.10), TC_N_30_CS (AcceptedCanceled, N01.FR.12/20), and a
status after TriggerMessage without a requestId (N01.FR.13).
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from typing import Any

import aiohttp

from tests.conftest import NodeFactory
from tests.support.graphql import next_station_event
from tests.support.nodes import ADMIN_TOKEN, RunningNode
from tests.support.station import ScriptedStation

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type payload } }"

GET_LOG = """
mutation(
  $station: ID!, $type: LogType!, $from: DateTime, $to: DateTime, $retries: Int,
  $interval: Int, $timeout: Float
) {
  getLog(stationId: $station, logType: $type, fromTime: $from, toTime: $to, retries: $retries,
         retryInterval: $interval, timeoutSeconds: $timeout) {
    outcome requestId status reasonCode additionalInfo filename errorCode
    request { requestId state served logType outcome status filename }
  }
}
"""

REQUEST = """
query($station: ID!, $requestId: Int!) {
  logRequest(stationId: $station, requestId: $requestId) {
    cursor stationId requestId state logType fromTime toTime retries retryInterval served
    remoteLocation requestedAt outcome status reasonCode filename lastStatus purgedAt
    statuses { stationId requestId status receivedAt }
    file { id name sizeBytes sha256 uploadedAt downloadPath }
  }
}
"""

REQUESTS = """
query($station: ID!, $first: Int, $after: String) {
  logRequests(stationId: $station, first: $first, after: $after) {
    cursor requestId state outcome status errorCode
  }
}
"""

STATUSES = """
query($station: ID!) { logStatusNotifications(stationId: $station) { requestId status } }
"""

LOG = b"2026-11-24T10:00:00Z boot\n" * 2000


async def _get_log(
    node: RunningNode, station: ScriptedStation, answer: dict[str, Any], **variables: Any
) -> tuple[list[Any], dict[str, Any]]:
    wanted = {"station": station.station_id, "type": "DiagnosticsLog", **variables}
    call, data = await node.run_answered(station, GET_LOG, wanted, "GetLog", answer)
    return call, data["getLog"]


async def _request(node: RunningNode, station_id: str, request_id: int) -> dict[str, Any]:
    data = await node.graphql.data(REQUEST, {"station": station_id, "requestId": request_id})
    found: dict[str, Any] = data["logRequest"]
    return found


async def _post(node: RunningNode, location: str, data: bytes, name: str) -> tuple[int, Any]:
    """A station's multipart POST (N01.FR.19)."""
    form = aiohttp.FormData()
    form.add_field("uploadfile", data, filename=name, content_type="application/octet-stream")
    async with node.session.post(location, data=form) as response:
        return response.status, await response.json()


async def _put(
    node: RunningNode, location: str, data: bytes | AsyncIterator[bytes], **headers: str
) -> tuple[int, Any]:
    """A station's raw PUT (N01.FR.18)."""
    async with node.session.put(location, data=data, headers=headers) as response:
        return response.status, await response.json()


async def _download(
    node: RunningNode, path: str, token: str | None = ADMIN_TOKEN
) -> tuple[int, bytes, str | None]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with node.session.get(f"{node.http_url}{path}", headers=headers) as response:
        disposition = response.headers.get("Content-Disposition")
        return response.status, await response.read(), disposition


async def _status(station: ScriptedStation, status: str, request_id: int | None) -> None:
    payload: dict[str, Any] = {"status": status}
    if request_id is not None:
        payload["requestId"] = request_id
    answer = await station.call("LogStatusNotification", payload)
    assert (answer[0], answer[2]) == (3, {}), answer


async def test_a_log_is_uploaded_to_the_csms_and_downloaded_tc_n_25(db_node: RunningNode) -> None:
    """N01.FR.01/02/04/07/08/09, N01.FR.18/19: the GetLog names the CSMS's upload URL; the
    station posts its file there, reports Uploading then Uploaded; the operator downloads it.
    The same URL then refuses another upload, and a wrong token finds nothing."""
    station = await db_node.booted_station("CS-N25")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-N25"}) as events:
        call, result = await _get_log(
            db_node,
            station,
            {"status": "Accepted", "filename": "diag_20261124.zip"},
            **{"from": "2026-11-23T00:00:00Z", "to": "2026-11-24T00:00:00Z"},
            retries=3,
            interval=60,
        )
        answered = await next_station_event(events, "LOG_ANSWERED")
        payload = call[3]
        location = payload["log"]["remoteLocation"]
        assert location.startswith(f"{db_node.http_url}/logs/upload/")
        assert (payload["requestId"], payload["logType"]) == (1, "DiagnosticsLog")
        assert (payload["retries"], payload["retryInterval"]) == (3, 60)
        assert payload["log"]["oldestTimestamp"].startswith("2026-11-23T00:00:00")
        assert payload["log"]["latestTimestamp"].startswith("2026-11-24T00:00:00")
        assert (result["outcome"], result["requestId"], result["status"]) == (
            "RESULT",
            1,
            "Accepted",
        )
        assert result["filename"] == "diag_20261124.zip"
        assert result["request"]["state"] == "ACCEPTED" and result["request"]["served"]
        assert answered["payload"]["filename"] == "diag_20261124.zip"

        await _status(station, "Uploading", 1)
        assert (await next_station_event(events, "LOG_STATUS"))["payload"] == {
            "status": "Uploading",
            "requestId": 1,
        }
        assert (await _request(db_node, "CS-N25", 1))["state"] == "UPLOADING"
        status, body = await _post(db_node, location, LOG, "diag_20261124.zip")
        assert status == 201, body
        uploaded = await next_station_event(events, "LOG_UPLOADED")
        await _status(station, "Uploaded", 1)

    digest = hashlib.sha256(LOG).hexdigest()
    assert body == {
        "id": body["id"],
        "name": "diag_20261124.zip",
        "sizeBytes": len(LOG),
        "sha256": digest,
    }
    assert uploaded["payload"]["fileId"] == body["id"]
    found = await _request(db_node, "CS-N25", 1)
    assert (found["state"], found["lastStatus"], found["served"]) == ("UPLOADED", "Uploaded", True)
    assert [(s["requestId"], s["status"]) for s in found["statuses"]] == [
        (1, "Uploading"),
        (1, "Uploaded"),
    ]
    file = found["file"]
    assert (file["name"], file["sizeBytes"], file["sha256"]) == (
        "diag_20261124.zip",
        len(LOG),
        digest,
    )
    assert file["downloadPath"] == f"/logs/{file['id']}"
    got, data, disposition = await _download(db_node, file["downloadPath"])
    assert (got, data) == (200, LOG)
    assert disposition == 'attachment; filename="diag_20261124.zip"'
    assert (await _download(db_node, file["downloadPath"], token=None))[0] == 401
    assert (await _download(db_node, file["downloadPath"], token="wrong-token-0123456789"))[
        0
    ] == 401
    assert (await _download(db_node, "/logs/999999"))[0] == 404

    assert (await _put(db_node, location, b"other log"))[0] == 409
    assert (await _post(db_node, location, b"other log", "x.log"))[0] == 409
    base, _, token = location.rpartition("/")
    for wrong in (f"{base}/{token[:-1]}", f"{base}/{token}x", f"{base}/unknown-token"):
        assert (await _put(db_node, wrong, b"log"))[0] == 404
    assert (await _download(db_node, file["downloadPath"]))[1] == LOG
    await station.close()


async def _stream(size: int) -> AsyncIterator[bytes]:
    """`size` bytes sent chunked, without a Content-Length."""
    for _ in range(size // 100):
        yield b"x" * 100


async def test_uploads_past_the_size_limit_are_refused_and_nothing_is_kept(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    """CSMS_LOG_MAX_BYTES: refused by the declared length, and while streaming a body
    without one or a multipart body; a file of exactly the limit is taken (multipart, whose
    body is longer than its file), a raw PUT named by its Content-Disposition; an empty body
    is refused."""
    node = await make_node(sqlite_url, log_max_bytes=1000)
    station = await node.booted_station("CS-N-BIG")
    call, _ = await _get_log(node, station, {"status": "Accepted"}, type="SecurityLog")
    location = call[3]["log"]["remoteLocation"]

    assert (await _put(node, location, b"x" * 1001))[0] == 413
    assert (await _put(node, location, _stream(1100)))[0] == 413
    assert (await _post(node, location, b"x" * 1001, "big.log"))[0] == 413
    assert (await _request(node, "CS-N-BIG", 1))["file"] is None
    assert (await _put(node, location, b""))[0] == 400
    no_file = aiohttp.FormData({"note": "no file here"}, default_to_multipart=True)
    async with node.session.post(location, data=no_file()) as response:
        assert response.status == 400

    status, body = await _put(
        node, location, b"y" * 1000, **{"Content-Disposition": 'attachment; filename="sec.log"'}
    )
    assert (status, body["name"], body["sizeBytes"]) == (201, "sec.log", 1000)
    found = await _request(node, "CS-N-BIG", 1)
    assert (found["logType"], found["file"]["name"]) == ("SecurityLog", "sec.log")
    assert (await _download(node, found["file"]["downloadPath"]))[1] == b"y" * 1000

    call, _ = await _get_log(node, station, {"status": "Accepted"})
    status, body = await _post(node, call[3]["log"]["remoteLocation"], b"z" * 1000, "fits.log")
    assert (status, body["name"], body["sizeBytes"]) == (201, "fits.log", 1000)
    await station.close()


async def test_answers_and_failures_are_stored_tc_n_27_tc_n_28_tc_n_30(
    db_node: RunningNode,
) -> None:
    """N01.FR.05 Rejected, N01.FR.10 UploadFailure, N01.FR.12/20 AcceptedCanceled, a
    CALLERROR, a timeout, and an unknown station (nothing sent or stored)."""
    station = await db_node.booted_station("CS-N27")
    _, rejected = await _get_log(
        db_node, station, {"status": "Rejected", "statusInfo": {"reasonCode": "NoLogs"}}
    )
    assert (rejected["status"], rejected["reasonCode"], rejected["request"]["state"]) == (
        "Rejected",
        "NoLogs",
        "REJECTED",
    )
    await _get_log(db_node, station, {"status": "Accepted"})
    await _status(station, "Uploading", 2)
    await _status(station, "UploadFailure", 2)
    await _get_log(db_node, station, {"status": "Accepted"})
    _, canceled = await _get_log(db_node, station, {"status": "AcceptedCanceled"})
    assert canceled["status"] == "AcceptedCanceled"
    await _status(station, "AcceptedCanceled", 3)
    refused = await db_node.run_refused(
        station, GET_LOG, {"station": "CS-N27", "type": "DiagnosticsLog"}, "GetLog"
    )
    assert refused["requestId"] == 5
    timed_out = await db_node.run_timed_out(
        station, GET_LOG, {"station": "CS-N27", "type": "DiagnosticsLog"}, "GetLog"
    )
    assert timed_out["requestId"] == 6

    rows = (await db_node.graphql.data(REQUESTS, {"station": "CS-N27"}))["logRequests"]
    assert [
        (r["requestId"], r["state"], r["outcome"], r["status"], r["errorCode"]) for r in rows
    ] == [
        (6, "FAILED", "TIMEOUT", None, None),
        (5, "FAILED", "CALL_ERROR", None, "NotSupported"),
        (4, "ACCEPTED", "RESULT", "AcceptedCanceled", None),
        (3, "CANCELED", "RESULT", "Accepted", None),
        (2, "UPLOAD_FAILED", "RESULT", "Accepted", None),
        (1, "REJECTED", "RESULT", "Rejected", None),
    ]
    page = await db_node.graphql.data(
        REQUESTS, {"station": "CS-N27", "first": 2, "after": rows[1]["cursor"]}
    )
    assert [r["requestId"] for r in page["logRequests"]] == [4, 3]

    away = await db_node.graphql.data(GET_LOG, {"station": "CS-AWAY", "type": "SecurityLog"})
    assert (away["getLog"]["outcome"], away["getLog"]["requestId"]) == ("OFFLINE", None)
    await station.close()


async def test_statuses_without_a_request_are_kept_n01_fr_13(db_node: RunningNode) -> None:
    """A LogStatusNotification is answered (no longer NotSupported): an Idle without a
    requestId (after TriggerMessage) and one with a requestId the CSMS never sent are kept on
    the station's timeline."""
    station = await db_node.booted_station("CS-N13")
    await _status(station, "Idle", None)
    await _status(station, "Uploading", 99)
    data = await db_node.graphql.data(STATUSES, {"station": "CS-N13"})
    assert data["logStatusNotifications"] == [
        {"requestId": 99, "status": "Uploading"},
        {"requestId": None, "status": "Idle"},
    ]
    assert await _request(db_node, "CS-N13", 99) is None
    await station.close()


async def test_requests_that_cannot_be_sent_are_input_errors(node: RunningNode) -> None:
    """The window's order and the counters; nothing is sent or stored."""
    station = await node.booted_station("CS-N-BAD")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"from": "2026-11-24T00:00:00Z", "to": "2026-11-23T00:00:00Z"}, "toTime"),
        ({"retries": -1}, "retries"),
        ({"interval": -5}, "retryInterval"),
    ]
    for variables, field in cases:
        body = await node.graphql.execute(
            GET_LOG, {"station": "CS-N-BAD", "type": "SecurityLog", **variables}
        )
        (error,) = body["errors"]
        assert error["extensions"]["field"] == field, error
    rows = await node.graphql.data(REQUESTS, {"station": "CS-N-BAD"})
    assert rows["logRequests"] == []
    await station.close()


async def test_the_upload_url_is_under_the_configured_base(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    """CSMS_FIRMWARE_BASE_URL (the address stations reach the CSMS at) names the upload URL;
    one too long for remoteLocation (512 characters) is an input error, nothing sent. Another
    node on the same database serves the file uploaded to the first."""
    node = await make_node(sqlite_url, firmware_base_url="https://csms.example/ocpp/")
    station = await node.booted_station("CS-N-BASE")
    call, _ = await _get_log(node, station, {"status": "Accepted"})
    location = call[3]["log"]["remoteLocation"]
    assert location.startswith("https://csms.example/ocpp/logs/upload/")
    token = location.rsplit("/", 1)[1]
    status, uploaded = await _put(node, f"{node.http_url}/logs/upload/{token}", b"log")
    assert status == 201
    await station.close()

    long_base = await make_node(sqlite_url, firmware_base_url="https://csms.example/" + "x" * 470)
    station = await long_base.booted_station("CS-N-LONG")
    body = await long_base.graphql.execute(GET_LOG, {"station": "CS-N-LONG", "type": "SecurityLog"})
    (error,) = body["errors"]
    assert "CSMS_FIRMWARE_BASE_URL" in error["message"], error
    assert (await _download(long_base, f"/logs/{uploaded['id']}"))[:2] == (200, b"log")
    await station.close()
