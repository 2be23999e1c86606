"""ReserveNow (H01) over a real websocket and real GraphQL, on SQLite and PostgreSQL: the
CSMS allocates the reservationId, records the reservation before sending, stores each
answer the station may give, and refuses before sending what it knows cannot be reserved
(the refusals send nothing and store nothing)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.support.device_model import notify_report
from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.reservations import (
    RESERVATIONS,
    RESERVE_NOW,
    STATION_EVENTS,
    in_an_hour,
    refused,
    reserve,
)
from tests.support.station import CallError, ScriptedStation
from tests.support.transactions import ocpp_time


async def _station(node: RunningNode, station_id: str, *statuses: str) -> ScriptedStation:
    """A booted station whose EVSE n (from 1) has one connector reporting statuses[n-1]."""
    station = await node.booted_station(station_id)
    for evse_id, status in enumerate(statuses, start=1):
        assert (await station.status(evse_id, 1, status))[0] == 3
    return station


async def _reservations(node: RunningNode, station_id: str) -> list[Any]:
    data = await node.graphql.data(RESERVATIONS, {"station": station_id})
    rows: list[Any] = data["reservations"]
    return rows


async def test_h01_s2_a_specific_evse_is_reserved(db_node: RunningNode) -> None:
    """H01 S2, H01.FR.23: the station accepts; the reservation is stored Active and the
    answer published as RESERVATION_ANSWERED."""
    station = await _station(db_node, "CS-H01", "Available", "Available")
    expiry = in_an_hour()
    async with db_node.graphql.subscribe(STATION_EVENTS, {"id": "CS-H01"}) as events:
        await db_node.wait_subscribers(1)
        group = {"idToken": "FLEET", "type": "Central"}
        call, result = await reserve(
            db_node, station, {"status": "Accepted"}, evse=2, group=group, expiry=expiry
        )
        answered = await next_station_event(events, "RESERVATION_ANSWERED")

    assert call[3] == {
        "id": 1,
        "expiryDateTime": expiry,
        "idToken": {"idToken": "RFID-1", "type": "ISO14443"},
        "evseId": 2,
        "groupIdToken": group,
    }
    assert (result["outcome"], result["reservationId"], result["status"]) == (
        "RESULT",
        1,
        "Accepted",
    )
    reservation = result["reservation"]
    assert (reservation["state"], reservation["status"], reservation["endReason"]) == (
        "ACTIVE",
        "Accepted",
        None,
    )
    assert (reservation["evseId"], reservation["groupIdToken"], reservation["idToken"]) == (
        2,
        "FLEET",
        "RFID-1",
    )
    assert answered["payload"]["reservationId"] == 1
    assert answered["payload"]["status"] == "Accepted"
    _, second = await reserve(db_node, station, {"status": "Accepted"}, evse=1)
    assert second["reservationId"] == 2
    await station.close()


async def test_h01_s1_s3_any_evse_and_a_connector_type(db_node: RunningNode) -> None:
    """H01 S1 (no evseId: the station picks; allowed while NonEvseSpecific is not reported
    false) and S3 (a connector type)."""
    station = await _station(db_node, "CS-H01-ANY", "Available")

    any_call, any_evse = await reserve(db_node, station, {"status": "Accepted"})
    type_call, by_type = await reserve(db_node, station, {"status": "Accepted"}, connector="cType2")

    assert "evseId" not in any_call[3] and any_evse["reservation"]["evseId"] is None
    assert type_call[3]["connectorType"] == "cType2"
    assert (by_type["reservationId"], by_type["reservation"]["connectorType"]) == (2, "cType2")
    assert by_type["reservation"]["state"] == "ACTIVE"
    await station.close()


@pytest.mark.parametrize("status", ["Faulted", "Occupied", "Rejected", "Unavailable"])
async def test_h01_fr_11_to_14_every_refusing_status_is_stored(
    db_node: RunningNode, status: str
) -> None:
    """The station's status is stored; any but Accepted ends the reservation as REJECTED,
    which leaves the EVSE free for another reservation."""
    station = await _station(db_node, "CS-H01-NO", "Available")
    answer = {"status": status, "statusInfo": {"reasonCode": "Busy"}}

    _, result = await reserve(db_node, station, answer, evse=1)

    assert (result["outcome"], result["status"], result["statusInfo"]["reasonCode"]) == (
        "RESULT",
        status,
        "Busy",
    )
    assert (result["reservation"]["state"], result["reservation"]["endReason"]) == (
        "ENDED",
        "REJECTED",
    )
    [row] = await _reservations(db_node, "CS-H01-NO")
    assert (row["status"], row["state"], row["answeredAt"]) == (status, "ENDED", row["endedAt"])
    _, again = await reserve(db_node, station, {"status": "Accepted"}, evse=1)
    assert (again["reservationId"], again["status"]) == (2, "Accepted")
    await station.close()


async def test_call_error_and_timeout(db_node: RunningNode) -> None:
    """A CALLERROR: NOT_DELIVERED (the station does not hold it), the EVSE stays free; a
    TIMEOUT stays PENDING and holds the EVSE, as the station may hold the reservation."""
    station = await _station(db_node, "CS-H01-ERR", "Available")

    _, call_error = await reserve(
        db_node, station, CallError("NotSupported", "no reservations here"), evse=1
    )
    variables = {"station": "CS-H01-ERR", "token": "RFID-1", "expiry": in_an_hour(), "evse": 1}
    timed_out = await db_node.run_timed_out(station, RESERVE_NOW, variables, "ReserveNow")
    held = await refused(db_node, "CS-H01-ERR", evse=1)

    assert (call_error["outcome"], call_error["errorCode"]) == ("CALL_ERROR", "NotSupported")
    assert call_error["reservation"]["endReason"] == "NOT_DELIVERED"
    assert (timed_out["reservationId"], timed_out["reservation"]["state"]) == (2, "PENDING")
    assert held["message"].startswith(
        "evseId: EVSE 1 of station CS-H01-ERR is already reserved: reservation 2 for RFID-1 "
        "awaits the station's answer until"
    )
    await station.close()


async def test_reserving_at_an_offline_station_is_not_delivered(db_node: RunningNode) -> None:
    station = await _station(db_node, "CS-H01-OFF", "Available")
    await station.close()
    await _until_offline(db_node, "CS-H01-OFF")

    variables = {"station": "CS-H01-OFF", "token": "RFID-1", "expiry": in_an_hour(), "evse": 1}
    result = (await db_node.graphql.data(RESERVE_NOW, variables))["reserveNow"]

    assert (result["outcome"], result["reservationId"], result["status"]) == ("OFFLINE", 1, None)
    assert (result["reservation"]["state"], result["reservation"]["endReason"]) == (
        "ENDED",
        "NOT_DELIVERED",
    )


async def _until_offline(node: RunningNode, station_id: str) -> None:
    """Wait (bounded) until the station's disconnect was handled."""
    query = "query($id: String) { stations(search: $id) { id online } }"
    for _ in range(500):
        [row] = (await node.graphql.data(query, {"id": station_id}))["stations"]
        if not row["online"]:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{station_id} stayed online")


async def test_refused_before_sending(db_node: RunningNode) -> None:
    """Nothing is sent or stored for: an expiry in the past, an unknown station, an EVSE
    the station never reported, an EVSE whose connector is Occupied or Faulted, a second
    reservation of a reserved EVSE, a connector type OCPP 2.0.1 lacks, and no EVSE at a
    station that reports ReservationCtrlr.NonEvseSpecific false (H01.FR.19)."""
    station = await _station(db_node, "CS-H01-REF", "Available", "Occupied", "Faulted")
    _, first = await reserve(db_node, station, {"status": "Accepted"}, evse=1)
    flag = {
        "component": {"name": "ReservationCtrlr"},
        "variable": {"name": "NonEvseSpecific"},
        "variableAttribute": [{"type": "Actual", "value": "false", "mutability": "ReadOnly"}],
        "variableCharacteristics": {"dataType": "boolean", "supportsMonitoring": False},
    }
    assert (await station.call("NotifyReport", notify_report(1, 0, False, [flag])))[0] == 3

    cases: dict[str, dict[str, Any]] = {
        "expiryDateTime: must be in the future": {"expiry": ocpp_time(), "evse": 1},
        "stationId: unknown station CS-NOBODY": {"station": "CS-NOBODY", "evse": 1},
        "evseId: station CS-H01-REF has no EVSE 9 (known EVSEs: 1, 2, 3)": {"evse": 9},
        "evseId: EVSE 2 of station CS-H01-REF is Occupied": {"evse": 2},
        "evseId: EVSE 3 of station CS-H01-REF is Faulted": {"evse": 3},
        "evseId: EVSE 1 of station CS-H01-REF is already reserved: reservation 1 for "
        "RFID-1 is active until": {"evse": 1},
        "connectorType: 'cGBT' is not one of": {"connector": "cGBT", "evse": 1},
        "evseId: required: station CS-H01-REF reports ReservationCtrlr.NonEvseSpecific false": {},
    }
    for message, variables in cases.items():
        error = await refused(db_node, "CS-H01-REF", **variables)
        assert error["message"].startswith(message), (message, error)
        assert error["extensions"]["code"] in ("INVALID_ARGUMENT", "BAD_USER_INPUT"), error

    assert first["reservationId"] == 1
    assert [row["reservationId"] for row in await _reservations(db_node, "CS-H01-REF")] == [1]
    assert station._frames.empty()
    await station.close()


SEND_CALL = """
mutation($station: ID!, $payload: JSON!) {
  sendCall(stationId: $station, action: "ReserveNow", payload: $payload) { outcome }
}
"""


async def test_a_reservation_sent_with_send_call_is_recorded(db_node: RunningNode) -> None:
    """A ReserveNow with an operator-chosen id (sendCall) is stored when the station answers;
    the next allocated id follows it."""
    station = await _station(db_node, "CS-H01-RAW", "Available", "Available")
    payload = {
        "id": 40,
        "expiryDateTime": in_an_hour(),
        "idToken": {"idToken": "RFID-7", "type": "ISO14443"},
        "evseId": 2,
    }

    _, data = await db_node.run_answered(
        station,
        SEND_CALL,
        {"station": "CS-H01-RAW", "payload": payload},
        "ReserveNow",
        {"status": "Accepted"},
    )
    _, next_one = await reserve(db_node, station, {"status": "Accepted"}, evse=1)

    assert data["sendCall"]["outcome"] == "RESULT"
    [newest, raw] = await _reservations(db_node, "CS-H01-RAW")
    assert (raw["reservationId"], raw["idToken"], raw["evseId"], raw["state"]) == (
        40,
        "RFID-7",
        2,
        "ACTIVE",
    )
    assert newest["reservationId"] == next_one["reservationId"] == 41
    await station.close()
