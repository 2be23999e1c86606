"""Remote stop (F03), unlock (F05) and trigger (F06) over a real websocket and real GraphQL,
on SQLite and PostgreSQL: the request each sends, the station's answer, the event emitted,
and what the station sends afterwards.

TC_E_21_CSMS (stop remotely), TC_F_06_CSMS (unlock, and its other answers), TC_F_11/12_CSMS
(MeterValues), TC_F_13/14_CSMS (TransactionEvent), TC_F_15/18_CSMS (Log/Firmware status),
TC_F_20_CSMS (Heartbeat), TC_F_23/24_CSMS (StatusNotification), TC_F_27_CSMS
(NotImplemented).
"""

from __future__ import annotations

import asyncio
from typing import Any

from tests.conftest import NodeFactory
from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.remote_control import end_remotely_started
from tests.support.station import ScriptedStation
from tests.support.transactions import (
    energy_reading,
    id_token,
    ocpp_time,
    send_meter_values,
    send_tx_event,
)

STOP = """
mutation($station: ID!, $tx: String!, $timeout: Float) {
  requestStopTransaction(stationId: $station, transactionId: $tx, timeoutSeconds: $timeout) {
    outcome status statusInfo { reasonCode additionalInfo } errorCode errorDescription
  }
}
"""

UNLOCK = """
mutation($station: ID!, $evse: Int!, $connector: Int!) {
  unlockConnector(stationId: $station, evseId: $evse, connectorId: $connector) {
    outcome status statusInfo { reasonCode additionalInfo } errorCode errorDescription
  }
}
"""

TRIGGER = """
mutation($station: ID!, $message: MessageTrigger!, $evse: Int, $connector: Int) {
  triggerMessage(stationId: $station, requestedMessage: $message, evseId: $evse,
                 connectorId: $connector) {
    outcome status statusInfo { reasonCode additionalInfo } errorCode errorDescription
  }
}
"""

START = """
mutation($station: ID!) {
  requestStartTransaction(stationId: $station, idToken: "RFID-1", idTokenType: ISO14443) {
    remoteStartId status
  }
}
"""

STATUSES = "query($id: ID!) { station(id: $id) { evses { id connectors { id status } } } }"

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type payload } }"

ALL_TRIGGERS = [
    "BootNotification",
    "LogStatusNotification",
    "FirmwareStatusNotification",
    "Heartbeat",
    "MeterValues",
    "SignChargingStationCertificate",
    "SignV2GCertificate",
    "StatusNotification",
    "TransactionEvent",
    "SignCombinedCertificate",
    "PublishFirmwareStatusNotification",
]
EVSE_TRIGGERS = {"MeterValues", "StatusNotification", "TransactionEvent"}


async def _command(
    node: RunningNode,
    station: ScriptedStation,
    mutation: str,
    action: str,
    answer: dict[str, Any],
    **variables: Any,
) -> tuple[list[Any], dict[str, Any]]:
    """Run a command mutation; the station answers `answer`. Returns the CALL and result."""
    arguments = {"station": station.station_id, **variables}
    call, data = await node.run_answered(station, mutation, arguments, action, answer)
    result: dict[str, Any] = next(iter(data.values()))
    return call, result


async def _trigger(
    node: RunningNode,
    station: ScriptedStation,
    answer: dict[str, Any] | None = None,
    **variables: Any,
) -> tuple[list[Any], dict[str, Any]]:
    """Run triggerMessage; the station answers `answer` (Accepted unless given)."""
    answer = answer or {"status": "Accepted"}
    return await _command(node, station, TRIGGER, "TriggerMessage", answer, **variables)


async def _charging(station: ScriptedStation, tx_id: str, **extra: Any) -> None:
    frame = await send_tx_event(
        station,
        "Started",
        tx_id,
        0,
        "Authorized",
        idToken=id_token("RFID-1"),
        evse={"id": 1, "connectorId": 1},
        chargingState="Charging",
        **extra,
    )
    assert frame[0] == 3, frame


async def test_stop_remotely_tc_e_21(db_node: RunningNode) -> None:
    """F03.FR.01/F03.FR.09: RequestStopTransaction names the transaction; the station
    accepts and ends it (triggerReason RemoteStop, stoppedReason Remote). The transaction was
    started remotely, so its remote start reads back the ended transaction."""
    station = await db_node.booted_station("CS-E21")
    pending = asyncio.create_task(db_node.graphql.data(START, {"station": "CS-E21"}))
    start_call = await station.expect_call("RequestStartTransaction")
    await station.reply(start_call[1], {"status": "Accepted"})
    remote_start_id = (await pending)["requestStartTransaction"]["remoteStartId"]
    await _charging(station, "TX-E21", remoteStartId=remote_start_id)
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-E21"}) as events:
        await db_node.wait_subscribers(1)
        call, result = await _command(
            db_node, station, STOP, "RequestStopTransaction", {"status": "Accepted"}, tx="TX-E21"
        )
        assert call[3] == {"transactionId": "TX-E21"}
        assert result == {
            "outcome": "RESULT",
            "status": "Accepted",
            "statusInfo": None,
            "errorCode": None,
            "errorDescription": None,
        }
        answered = await next_station_event(events, "REMOTE_STOP_ANSWERED")
    assert answered["payload"] == {
        "transactionId": "TX-E21",
        "status": "Accepted",
        "reasonCode": None,
        "additionalInfo": None,
    }
    await end_remotely_started(
        db_node, station, remote_start_id, "TX-E21", 1, "RemoteStop", "Remote"
    )
    await station.close()


async def test_stop_of_an_unknown_transaction_is_rejected(db_node: RunningNode) -> None:
    """F03: the station rejects a transactionId it does not know (reason UnknownTxId)."""
    station = await db_node.booted_station("CS-STOP-REJ")
    answer = {"status": "Rejected", "statusInfo": {"reasonCode": "UnknownTxId"}}
    _, result = await _command(db_node, station, STOP, "RequestStopTransaction", answer, tx="TX-X")
    assert (result["status"], result["statusInfo"]["reasonCode"]) == ("Rejected", "UnknownTxId")
    await station.close()


async def test_unlock_connector_tc_f_06(db_node: RunningNode) -> None:
    """F05: UnlockConnector names the EVSE and connector; every UnlockStatusEnumType answer
    comes back as it is, with CONNECTOR_UNLOCK_ANSWERED."""
    station = await db_node.booted_station("CS-F06")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-F06"}) as events:
        await db_node.wait_subscribers(1)
        for status in ("Unlocked", "UnlockFailed", "OngoingAuthorizedTransaction"):
            call, result = await _command(
                db_node, station, UNLOCK, "UnlockConnector", {"status": status}, evse=1, connector=2
            )
            assert call[3] == {"evseId": 1, "connectorId": 2}
            assert (result["outcome"], result["status"]) == ("RESULT", status)
            answered = await next_station_event(events, "CONNECTOR_UNLOCK_ANSWERED")
            assert answered["payload"] == {
                "evseId": 1,
                "connectorId": 2,
                "status": status,
                "reasonCode": None,
                "additionalInfo": None,
            }
        answer = {"status": "UnknownConnector", "statusInfo": {"reasonCode": "UnknownConnectorId"}}
        _, unknown = await _command(
            db_node, station, UNLOCK, "UnlockConnector", answer, evse=1, connector=9
        )
        assert unknown["status"] == "UnknownConnector"
        assert unknown["statusInfo"] == {"reasonCode": "UnknownConnectorId", "additionalInfo": None}
        answered = await next_station_event(events, "CONNECTOR_UNLOCK_ANSWERED")
    assert (answered["payload"]["connectorId"], answered["payload"]["reasonCode"]) == (
        9,
        "UnknownConnectorId",
    )
    await station.close()


async def test_every_trigger_sends_a_valid_request(db_node: RunningNode) -> None:
    """F06.FR.01/02: each MessageTriggerEnumType value goes out as a schema-valid request,
    with the EVSE (and connector) for the messages about one; TRIGGER_ANSWERED follows."""
    station = await db_node.booted_station("CS-TRIGGERS")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-TRIGGERS"}) as events:
        await db_node.wait_subscribers(1)
        for message in ALL_TRIGGERS:
            where: dict[str, Any] = {"evse": 2, "connector": 1} if message in EVSE_TRIGGERS else {}
            call, result = await _trigger(db_node, station, message=message, **where)
            expected: dict[str, Any] = {"requestedMessage": message}
            if where:
                expected["evse"] = {"id": 2, "connectorId": 1}
            assert call[3] == expected
            assert (result["outcome"], result["status"]) == ("RESULT", "Accepted")
            answered = await next_station_event(events, "TRIGGER_ANSWERED")
            assert answered["payload"]["requestedMessage"] == message
            assert answered["payload"]["evseId"] == (2 if where else None)
    await station.close()


async def test_trigger_heartbeat_tc_f_20(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-F20")
    call, result = await _trigger(db_node, station, message="Heartbeat")
    assert call[3] == {"requestedMessage": "Heartbeat"}
    assert result["status"] == "Accepted"
    heartbeat = await station.call("Heartbeat", {})
    assert heartbeat[0] == 3 and "currentTime" in heartbeat[2]
    await station.close()


async def test_trigger_meter_values_for_an_evse_tc_f_11(db_node: RunningNode) -> None:
    """TC_F_11 (one EVSE) and TC_F_12 (all EVSEs): the triggered MeterValues is answered."""
    station = await db_node.booted_station("CS-F11")
    call, _ = await _trigger(db_node, station, message="MeterValues", evse=1)
    assert call[3] == {"requestedMessage": "MeterValues", "evse": {"id": 1}}
    reading = energy_reading(1200.0, ocpp_time(), context="Trigger")
    assert (await send_meter_values(station, 1, [reading]))[0] == 3
    call, _ = await _trigger(db_node, station, message="MeterValues")
    assert call[3] == {"requestedMessage": "MeterValues"}
    await station.close()


async def test_trigger_transaction_event_tc_f_13(db_node: RunningNode) -> None:
    """TC_F_13/14: during a transaction the station answers the trigger with an Updated
    TransactionEvent (triggerReason Trigger), which is answered."""
    station = await db_node.booted_station("CS-F13")
    await _charging(station, "TX-F13")
    call, result = await _trigger(db_node, station, message="TransactionEvent", evse=1)
    assert call[3] == {"requestedMessage": "TransactionEvent", "evse": {"id": 1}}
    assert result["status"] == "Accepted"
    frame = await send_tx_event(
        station,
        "Updated",
        "TX-F13",
        1,
        "Trigger",
        evse={"id": 1},
        chargingState="Charging",
        meterValue=[energy_reading(500.0, ocpp_time(), context="Trigger")],
    )
    assert frame[0] == 3, frame
    await station.close()


async def test_trigger_status_notification_tc_f_23(db_node: RunningNode) -> None:
    """TC_F_23/24 (F06.FR.13): the triggered StatusNotification updates the stored status."""
    station = await db_node.booted_station("CS-F23")
    call, _ = await _trigger(db_node, station, message="StatusNotification", evse=1, connector=1)
    assert call[3] == {
        "requestedMessage": "StatusNotification",
        "evse": {"id": 1, "connectorId": 1},
    }
    status = {
        "timestamp": ocpp_time(),
        "connectorStatus": "Occupied",
        "evseId": 1,
        "connectorId": 1,
    }
    assert (await station.call("StatusNotification", status))[0] == 3
    data = await db_node.graphql.data(STATUSES, {"id": "CS-F23"})
    assert data["station"]["evses"] == [{"id": 1, "connectors": [{"id": 1, "status": "Occupied"}]}]
    await station.close()


async def test_trigger_log_and_firmware_status_tc_f_15_tc_f_18(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-F15")
    for message in ("LogStatusNotification", "FirmwareStatusNotification"):
        call, result = await _trigger(db_node, station, message=message)
        assert call[3] == {"requestedMessage": message}
        assert result["status"] == "Accepted"
    await station.close()


async def test_trigger_not_implemented_tc_f_27(db_node: RunningNode) -> None:
    """F06.FR.08: a station that does not implement the message answers NotImplemented."""
    station = await db_node.booted_station("CS-F27")
    _, result = await _trigger(
        db_node, station, answer={"status": "NotImplemented"}, message="SignV2GCertificate"
    )
    assert (result["outcome"], result["status"]) == ("RESULT", "NotImplemented")
    _, rejected = await _trigger(
        db_node, station, answer={"status": "Rejected"}, message="BootNotification"
    )
    assert rejected["status"] == "Rejected"
    await station.close()


async def test_offline_station(db_node: RunningNode) -> None:
    await db_node.graphql.data('mutation { upsertStation(input: {id: "CS-AWAY"}) { id } }')
    calls: list[tuple[str, dict[str, Any]]] = [
        (STOP, {"tx": "TX-1"}),
        (UNLOCK, {"evse": 1, "connector": 1}),
        (TRIGGER, {"message": "Heartbeat"}),
    ]
    for mutation, variables in calls:
        data = await db_node.graphql.data(mutation, {"station": "CS-AWAY", **variables})
        result = next(iter(data.values()))
        assert (result["outcome"], result["status"]) == ("OFFLINE", None), mutation


async def test_timeout_and_call_error(make_node: NodeFactory, sqlite_url: str) -> None:
    node = await make_node(sqlite_url)
    station = await node.booted_station("CS-SILENT")
    silent = {"station": "CS-SILENT", "tx": "TX-1"}
    await node.run_timed_out(station, STOP, silent, "RequestStopTransaction")
    variables = {"station": "CS-SILENT", "evse": 1, "connector": 1}
    refused = await node.run_refused(station, UNLOCK, variables, "UnlockConnector")
    assert refused["status"] is None
    await station.close()


async def test_invalid_arguments_are_refused(make_node: NodeFactory, sqlite_url: str) -> None:
    """Bad input is a GraphQL error that names the field."""
    node = await make_node(sqlite_url)
    cases: list[tuple[str, dict[str, Any], str]] = [
        (TRIGGER, {"message": "StatusNotification", "connector": 1}, "connectorId needs evseId"),
        (TRIGGER, {"message": "Heartbeat", "evse": 1}, "evseId: Heartbeat is not about an EVSE"),
        (TRIGGER, {"message": "MeterValues", "evse": 0}, "evseId must be >= 1"),
        (TRIGGER, {"message": "MeterValues", "evse": 1, "connector": 0}, "connectorId"),
        (UNLOCK, {"evse": 0, "connector": 1}, "evseId must be >= 1"),
        (UNLOCK, {"evse": 1, "connector": 0}, "connectorId must be >= 1"),
        (STOP, {"tx": ""}, "transactionId: must not be empty"),
        (STOP, {"tx": "T" * 37}, "transactionId"),
        (STOP, {"tx": "TX-1", "timeout": 301}, "timeoutSeconds"),
    ]
    for mutation, variables, message in cases:
        body = await node.graphql.execute(mutation, {"station": "CS-X", **variables})
        assert body.get("errors"), variables
        assert message in body["errors"][0]["message"], body["errors"]
