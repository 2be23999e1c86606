"""Every payload the simulator builds is valid against the official OCPP 2.0.1 schemas.

Station requests come from the builders; answers to CSMS calls come from the responder on a
real `Station` (never connected), and so do the follow-up CALLs those answers queue.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import orjson
import pytest

from bench.sim import messages, responder
from bench.sim.charging import Transaction
from bench.sim.config import SimConfig
from bench.sim.device_model import build_template, chunks, report_data
from bench.sim.fleet import Fleet
from bench.sim.station import Station
from modules.kernel.actions import CSMS_TO_STATION
from modules.kernel.schemas import validate

STAMP = "2026-11-24T10:00:00.000Z"
TOKEN = messages.id_token("5A000001")


def _transaction() -> Transaction:
    return Transaction(1, 1, TOKEN, started_at=0.0, energy_wh=1000.0, power_w=11_000.0)


def test_station_requests_are_schema_valid() -> None:
    tx = _transaction()
    remote = Transaction(2, 1, TOKEN, 0.0, 0.0, 7_400.0, remote_start_id=42, own=False)
    template = build_template(2, 2, "Vendor", "Model", 300, 15)
    entries = [report_data(v, v.value) for v in template.values()]
    requests: list[tuple[str, dict[str, Any]]] = [
        ("BootNotification", messages.boot_notification("PowerUp", "V", "M", "SIM-0001", "1.0")),
        (
            "BootNotification",
            messages.boot_notification("RemoteReset", "V" * 80, "M" * 40, "S" * 60, "F" * 80),
        ),
        ("Heartbeat", messages.heartbeat()),
        ("StatusNotification", messages.status_notification(STAMP, "Available", 1, 1)),
        ("StatusNotification", messages.status_notification(STAMP, "Occupied", 2, 3)),
        ("Authorize", messages.authorize(TOKEN)),
        ("TransactionEvent", tx.started(STAMP)),
        ("TransactionEvent", tx.updated(STAMP, 10.0)),
        ("TransactionEvent", tx.updated(STAMP, 20.0, "Trigger")),
        ("TransactionEvent", tx.ended(STAMP, 30.0, "StopAuthorized", "Local")),
        ("TransactionEvent", remote.started(STAMP)),
        ("TransactionEvent", remote.ended(STAMP, 5.0, "RemoteStop", "Remote")),
        ("MeterValues", messages.meter_values(1, STAMP, 1234.5, "Trigger")),
        ("NotifyReport", messages.notify_report(7, STAMP, 0, True, chunks(entries)[0])),
        ("NotifyReport", messages.notify_report(7, STAMP, 1, False, chunks(entries)[-1])),
        ("FirmwareStatusNotification", messages.firmware_status_notification()),
        ("LogStatusNotification", messages.log_status_notification()),
    ]
    for action, payload in requests:
        validate(action, "Request", payload)
        messages.check(action, "Request", payload)
    assert {a for a, _ in requests} >= {
        "BootNotification", "Heartbeat", "StatusNotification", "Authorize", "TransactionEvent",
        "MeterValues", "NotifyReport", "FirmwareStatusNotification", "LogStatusNotification",
    }  # fmt: skip


def test_transaction_sequence_numbers_and_energy_increase() -> None:
    tx = _transaction()
    events = [tx.started(STAMP), tx.updated(STAMP, 60.0), tx.updated(STAMP, 120.0)]
    events.append(tx.ended(STAMP, 180.0, "StopAuthorized", "Local"))
    assert [e["seqNo"] for e in events] == [0, 1, 2, 3]
    assert [e["eventType"] for e in events] == ["Started", "Updated", "Updated", "Ended"]
    energy = [e["meterValue"][0]["sampledValue"][0]["value"] for e in events]
    assert energy == sorted(energy) and len(set(energy)) == 4
    assert energy[1] == round(1000.0 + 11_000.0 / 60, 1)  # 11 kW for one minute, 0.1 Wh
    assert events[0]["triggerReason"] == "Authorized" and events[0]["idToken"] == TOKEN
    assert events[0]["evse"] == {"id": 1, "connectorId": 1}
    assert len({e["transactionInfo"]["transactionId"] for e in events}) == 1


def test_frames() -> None:
    assert messages.heartbeat_frame("17") == b'[2,"17","Heartbeat",{}]'
    assert orjson.loads(messages.call_frame("17", "Heartbeat", {})) == [2, "17", "Heartbeat", {}]
    assert orjson.loads(messages.call_frame("3", "Authorize", {"a": 1})) == [
        2, "3", "Authorize", {"a": 1},
    ]  # fmt: skip
    assert orjson.loads(messages.result_frame("x", {})) == [3, "x", {}]
    assert orjson.loads(messages.error_frame("x", "NotSupported", "no")) == [
        4, "x", "NotSupported", "no", {},
    ]  # fmt: skip


def test_strict_check_rejects_a_bad_payload() -> None:
    with pytest.raises(messages.StrictViolation, match="StatusNotificationRequest"):
        messages.check("StatusNotification", "Request", {"evseId": 1})


@pytest.fixture
async def station() -> AsyncIterator[Station]:
    """A station of a two-EVSE, two-connector fleet, Accepted, never connected."""
    config = SimConfig(url="ws://unused/ocpp", evses=2, connectors_per_evse=2, strict=True)
    async with aiohttp.ClientSession() as session:
        fleet = Fleet(config, session)
        station = fleet.stations[0]
        station.accepted = True
        yield station


CSMS_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("GetVariables", {"getVariableData": [
        {"component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "HeartbeatInterval"}},
        {"component": {"name": "ChargingStation"}, "variable": {"name": "Unknown"}},
        {"component": {"name": "Nope"}, "variable": {"name": "Unknown"}},
        {"component": {"name": "EVSE", "evse": {"id": 2}}, "variable": {"name": "Power"},
         "attributeType": "MaxSet"},
        {"component": {"name": "Connector", "evse": {"id": 1, "connectorId": 2}},
         "variable": {"name": "AvailabilityState"}, "attributeType": "Actual"},
    ]}),
    ("SetVariables", {"setVariableData": [
        {"component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "HeartbeatInterval"},
         "attributeValue": "60"},
        {"component": {"name": "ChargingStation"}, "variable": {"name": "Model"},
         "attributeValue": "X"},
        {"component": {"name": "Custom"}, "variable": {"name": "Thing"}, "attributeValue": "1",
         "attributeType": "Target"},
    ]}),
    ("GetBaseReport", {"requestId": 1, "reportBase": "FullInventory"}),
    ("GetBaseReport", {"requestId": 2, "reportBase": "ConfigurationInventory"}),
    ("GetBaseReport", {"requestId": 3, "reportBase": "SummaryInventory"}),
    ("GetReport", {"requestId": 4, "componentVariable": [{"component": {"name": "EVSE"}}]}),
    ("GetReport", {"requestId": 5, "componentCriteria": ["Problem"]}),
    ("Reset", {"type": "OnIdle"}),
    ("Reset", {"type": "Immediate", "evseId": 1}),
    ("Reset", {"type": "Immediate", "evseId": 9}),
    ("ChangeAvailability", {"operationalStatus": "Inoperative", "evse": {"id": 2}}),
    ("ChangeAvailability", {"operationalStatus": "Operative"}),
    ("ChangeAvailability", {"operationalStatus": "Operative", "evse": {"id": 5}}),
    ("ClearCache", {}),
    ("UnlockConnector", {"evseId": 1, "connectorId": 1}),
    ("UnlockConnector", {"evseId": 3, "connectorId": 1}),
    ("DataTransfer", {"vendorId": "com.example"}),
    ("TriggerMessage", {"requestedMessage": "Heartbeat"}),
    ("TriggerMessage", {"requestedMessage": "StatusNotification", "evse": {"id": 1}}),
    ("TriggerMessage", {"requestedMessage": "MeterValues"}),
    ("TriggerMessage", {"requestedMessage": "FirmwareStatusNotification"}),
    ("TriggerMessage", {"requestedMessage": "LogStatusNotification"}),
    ("TriggerMessage", {"requestedMessage": "BootNotification"}),
    ("TriggerMessage", {"requestedMessage": "TransactionEvent"}),
    ("TriggerMessage", {"requestedMessage": "SignV2GCertificate"}),
    ("RequestStartTransaction", {"remoteStartId": 7, "idToken": TOKEN, "evseId": 1}),
    ("TriggerMessage", {"requestedMessage": "TransactionEvent", "evse": {"id": 1}}),
    ("UnlockConnector", {"evseId": 1, "connectorId": 1}),
    ("RequestStartTransaction", {"remoteStartId": 8, "idToken": TOKEN, "evseId": 1}),
    ("RequestStopTransaction", {"transactionId": "not-a-transaction"}),
    ("Reset", {"type": "OnIdle"}),
]  # fmt: skip


def _answer(station: Station, action: str, payload: dict[str, Any]) -> responder.Reply:
    reply = responder.answer(station, action, payload)
    assert reply.error is None, (action, reply)
    assert reply.payload is not None
    validate(action, "Response", reply.payload)
    if reply.then is not None:
        reply.then()
    return reply


def _drain(station: Station) -> list[tuple[str, dict[str, Any]]]:
    queued = list(station.queue)
    station.queue.clear()
    for action, payload in queued:
        validate(action, "Request", payload)
    return queued


async def test_answers_to_csms_calls_are_schema_valid(station: Station) -> None:
    statuses = []
    for action, payload in CSMS_CALLS:
        statuses.append(_answer(station, action, payload).payload)
        _drain(station)
    tx = next(iter(station.transactions.values()))
    _answer(station, "RequestStopTransaction", {"transactionId": tx.transaction_id})
    follow_ups = _drain(station)
    assert [a for a, _ in follow_ups] == ["TransactionEvent", "StatusNotification"]
    assert follow_ups[0][1]["eventType"] == "Ended"
    assert follow_ups[0][1]["triggerReason"] == "RemoteStop"
    assert station.reset_pending is True  # the scheduled OnIdle reset runs once idle
    assert {a for a, _ in CSMS_CALLS} == set(responder.HANDLERS)
    assert statuses[-1] == {"status": "Scheduled"}


async def test_get_and_set_variables(station: Station) -> None:
    got = _answer(station, *CSMS_CALLS[0]).payload
    assert got is not None
    assert [r["attributeStatus"] for r in got["getVariableResult"]] == [
        "Accepted", "UnknownVariable", "UnknownComponent", "NotSupportedAttributeType", "Accepted",
    ]  # fmt: skip
    assert got["getVariableResult"][0]["attributeValue"] == "300"
    set_ = _answer(station, *CSMS_CALLS[1]).payload
    assert set_ is not None
    assert [r["attributeStatus"] for r in set_["setVariableResult"]] == [
        "Accepted", "Rejected", "NotSupportedAttributeType",
    ]  # fmt: skip
    assert station.heartbeat_interval == 60.0
    again = _answer(station, *CSMS_CALLS[0]).payload
    assert again is not None and again["getVariableResult"][0]["attributeValue"] == "60"


async def test_reports_are_sent_in_parts(station: Station) -> None:
    reply = _answer(station, "GetBaseReport", {"requestId": 9, "reportBase": "FullInventory"})
    assert reply.payload == {"status": "Accepted"}
    parts = _drain(station)
    assert {a for a, _ in parts} == {"NotifyReport"}
    assert [p["seqNo"] for _, p in parts] == list(range(len(parts)))
    assert [p.get("tbc", False) for _, p in parts] == [True] * (len(parts) - 1) + [False]
    assert all(p["requestId"] == 9 and len(p["reportData"]) <= 4 for _, p in parts)
    empty = _answer(station, "GetReport", {"requestId": 10, "componentCriteria": ["Problem"]})
    assert empty.payload == {"status": "EmptyResultSet"} and not station.queue


async def test_remote_start_runs_a_session(station: Station) -> None:
    reply = _answer(station, "RequestStartTransaction", {"remoteStartId": 77, "idToken": TOKEN})
    assert reply.payload == {"status": "Accepted"}
    queued = _drain(station)
    assert [a for a, _ in queued] == ["StatusNotification", "TransactionEvent"]
    assert queued[0][1]["connectorStatus"] == "Occupied"
    started = queued[1][1]
    assert started["eventType"] == "Started" and started["triggerReason"] == "RemoteStart"
    assert started["transactionInfo"]["remoteStartId"] == 77


async def test_unknown_and_unsupported_and_invalid_calls(station: Station) -> None:
    assert responder.answer(station, "NoSuchAction", {}).error == "NotImplemented"
    unsupported = sorted(CSMS_TO_STATION - set(responder.HANDLERS))
    assert unsupported
    for action in unsupported:
        assert responder.answer(station, action, {}).error == "NotSupported"
    bad = responder.answer(station, "Reset", {"type": "Sideways"})
    assert bad.error == "PropertyConstraintViolation"
    missing = responder.answer(station, "GetVariables", {})
    assert missing.error == "OccurrenceConstraintViolation"
    assert responder.answer(station, "ClearCache", []).error == "FormatViolation"
