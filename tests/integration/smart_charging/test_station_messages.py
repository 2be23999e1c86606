"""The stations' smart-charging messages over a real websocket, on SQLite and PostgreSQL:
NotifyChargingLimit and ClearedChargingLimit stored as external limits (K12, K13),
NotifyEVChargingNeeds answered, stored and followed by the schedule offered (K15-K17),
NotifyEVChargingSchedule stored (K15.FR.10/11), and the charging profile of a remote start
recorded as its transaction's (K05)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support.display_messages import until
from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.smart_charging import (
    EVENTS,
    STATION_VIEW,
    profile_input,
    profiles_of,
    set_profile,
    start_transaction,
    station_profile,
)

START = """
mutation($station: ID!, $profile: JSON) {
  requestStartTransaction(stationId: $station, idToken: "RFID-1", idTokenType: ISO14443,
                          evseId: 1, chargingProfile: $profile) {
    outcome status remoteStartId
  }
}
"""

SCHEDULE = {
    "id": 1,
    "chargingRateUnit": "W",
    "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 7000.0}],
}


async def _view(node: RunningNode, station_id: str, tx: str = "none") -> dict[str, Any]:
    return await node.graphql.data(STATION_VIEW, {"station": station_id, "tx": tx})


async def test_k12_k13_external_limits_are_stored_and_cleared(db_node: RunningNode) -> None:
    """K12 (TC_K_12_CSMS): NotifyChargingLimit is stored per EVSE and source with its grid
    criticality and schedule; K13: ClearedChargingLimit clears it and the station's reported
    external-constraint profiles of that source; CHARGING_LIMIT_CHANGED each time."""
    station = await db_node.booted_station("CS-K12")
    notify = {
        "evseId": 1,
        "chargingLimit": {"chargingLimitSource": "SO", "isGridCritical": True},
        "chargingSchedule": [SCHEDULE],
    }
    external = station_profile(
        40,
        chargingProfilePurpose="ChargingStationExternalConstraints",
        chargingProfileKind="Absolute",
    )
    external["chargingSchedule"][0]["startSchedule"] = "2026-11-24T10:00:00Z"
    report = {
        "requestId": 70,
        "chargingLimitSource": "SO",
        "evseId": 1,
        "chargingProfile": [external],
    }
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-K12"}) as events:
        await db_node.wait_subscribers(1)
        answer = await station.call("NotifyChargingLimit", notify)
        assert (answer[0], answer[2]) == (3, {})
        changed = await next_station_event(events, "CHARGING_LIMIT_CHANGED")
        assert changed["payload"] == {
            "evseId": 1,
            "source": "SO",
            "isGridCritical": True,
            "cleared": False,
        }
        assert (await station.call("ReportChargingProfiles", report))[0] == 3
        limits = (await _view(db_node, "CS-K12"))["chargingLimits"]
        assert limits == [
            {
                "evseId": 1,
                "source": "SO",
                "isGridCritical": True,
                "clearedAt": None,
                "schedules": [
                    {
                        "id": 1,
                        "chargingRateUnit": "W",
                        "periods": [{"startPeriod": 0, "limit": 7000.0}],
                    }
                ],
            }
        ]
        assert (await profiles_of(db_node, "CS-K12"))[40]["chargingLimitSource"] == "SO"
        answer = await station.call(
            "ClearedChargingLimit", {"chargingLimitSource": "SO", "evseId": 1}
        )
        assert answer[0] == 3 and answer[2] == {}
        cleared = await next_station_event(events, "CHARGING_LIMIT_CHANGED")
        assert cleared["payload"]["cleared"] is True
    (limit,) = (await _view(db_node, "CS-K12"))["chargingLimits"]
    assert limit["clearedAt"] is not None
    assert (await profiles_of(db_node, "CS-K12"))[40]["presence"] == "NOT_ON_STATION"
    await station.close()


def _ac_needs(departure: datetime | None = None) -> dict[str, Any]:
    ac = {"energyAmount": 11000, "evMinCurrent": 6, "evMaxCurrent": 32, "evMaxVoltage": 230}
    needs: dict[str, Any] = {
        "requestedEnergyTransfer": "AC_three_phase",
        "acChargingParameters": ac,
    }
    if departure is not None:
        needs["departureTime"] = departure.isoformat().replace("+00:00", "Z")
    return {"evseId": 1, "maxScheduleTuples": 3, "chargingNeeds": needs}


async def test_k15_ev_needs_accepted_and_a_schedule_offered(db_node: RunningNode) -> None:
    """K15 (TC_K_15_CSMS): with a transaction on the EVSE the needs are answered Accepted
    (K15.FR.03), stored, and followed by a SetChargingProfile with a TxProfile for that
    transaction (K15.FR.07): 32 A capped by the station's 20 A ChargingStationMaxProfile; the
    station's answer is stored with the needs. A renegotiation (K17) replaces the offer."""
    station = await db_node.booted_station("CS-K15")
    station_max = profile_input(
        id=1, purpose="ChargingStationMaxProfile", kind="Absolute", stackLevel=0
    )
    station_max["schedules"][0].update(
        startSchedule="2026-01-01T00:00:00Z", periods=[{"startPeriod": 0, "limit": 20}]
    )
    await set_profile(db_node, station, station_max, {"status": "Accepted"}, 0)
    await start_transaction(station, "TX-15")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-K15"}) as events:
        await db_node.wait_subscribers(1)
        answer = await station.call("NotifyEVChargingNeeds", _ac_needs())
        assert answer[2] == {"status": "Accepted"}
        received = await next_station_event(events, "EV_CHARGING_NEEDS_RECEIVED")
        assert received["payload"] == {"evseId": 1, "transactionId": "TX-15", "status": "Accepted"}
        offer = await station.expect_call("SetChargingProfile")
        assert offer[3] == {
            "evseId": 1,
            "chargingProfile": {
                "id": 2,
                "stackLevel": 0,
                "chargingProfilePurpose": "TxProfile",
                "chargingProfileKind": "Relative",
                "chargingSchedule": [
                    {
                        "id": 1,
                        "chargingRateUnit": "A",
                        "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 20.0}],
                    }
                ],
                "transactionId": "TX-15",
            },
        }
        await station.reply(offer[1], {"status": "Accepted"})
        await next_station_event(events, "CHARGING_PROFILE_SET")
    view = await until(
        lambda: _view(db_node, "CS-K15", "TX-15"),
        lambda data: data["evChargingNeeds"][0]["offerStatus"] is not None,
    )
    (needs,) = view["evChargingNeeds"]
    assert (needs["status"], needs["transactionId"], needs["energyAmount"]) == (
        "Accepted",
        "TX-15",
        11000,
    )
    assert (needs["offeredProfileId"], needs["offerStatus"], needs["maxScheduleTuples"]) == (
        2,
        "Accepted",
        3,
    )
    assert [row["profileId"] for row in view["transactionChargingProfiles"]] == [2]
    departure = datetime.now(UTC) + timedelta(hours=4)
    assert (await station.call("NotifyEVChargingNeeds", _ac_needs(departure)))[2] == {
        "status": "Accepted"
    }
    again = await station.expect_call("SetChargingProfile")
    schedule = again[3]["chargingProfile"]["chargingSchedule"][0]
    assert again[3]["chargingProfile"]["id"] == 2
    assert schedule["chargingSchedulePeriod"] == [{"startPeriod": 0, "limit": 6.0}]
    assert 14000 <= schedule["duration"] <= 14400
    await station.reply(again[1], {"status": "Rejected"})
    await until(
        lambda: _view(db_node, "CS-K15", "TX-15"),
        lambda data: data["evChargingNeeds"][0]["offerStatus"] == "Rejected",
    )
    await station.close()


async def test_k15_fr_04_needs_without_a_transaction_are_rejected(db_node: RunningNode) -> None:
    """K15.FR.04: no transaction runs on the EVSE, so no TxProfile can be offered: Rejected,
    stored, and no SetChargingProfile follows."""
    station = await db_node.booted_station("CS-K15-NO")
    answer = await station.call("NotifyEVChargingNeeds", _ac_needs())
    assert answer[2] == {"status": "Rejected"}
    (needs,) = (await _view(db_node, "CS-K15-NO"))["evChargingNeeds"]
    assert (needs["status"], needs["transactionId"], needs["offeredProfileId"]) == (
        "Rejected",
        None,
        None,
    )
    assert needs["needs"]["acChargingParameters"]["evMaxCurrent"] == 32
    await station.close()


async def test_k15_fr_10_ev_charging_schedule_stored_and_accepted(db_node: RunningNode) -> None:
    """K15.FR.10/11: the schedule the EV chose is stored (replacing the EVSE's last) and
    answered Accepted; EV_CHARGING_SCHEDULE_RECEIVED."""
    station = await db_node.booted_station("CS-K15-S")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-K15-S"}) as events:
        await db_node.wait_subscribers(1)
        payload = {"evseId": 1, "timeBase": "2026-11-24T10:00:00Z", "chargingSchedule": SCHEDULE}
        answer = await station.call("NotifyEVChargingSchedule", payload)
        assert answer[2] == {"status": "Accepted"}
        received = await next_station_event(events, "EV_CHARGING_SCHEDULE_RECEIVED")
        assert received["payload"] == {"evseId": 1}
    (schedule,) = (await _view(db_node, "CS-K15-S"))["evChargingSchedules"]
    assert schedule == {
        "evseId": 1,
        "timeBase": "2026-11-24T10:00:00+00:00",
        "schedule": {
            "id": 1,
            "chargingRateUnit": "W",
            "periods": [{"startPeriod": 0, "limit": 7000.0}],
        },
    }
    await station.close()


async def test_k05_a_remote_start_s_profile_is_its_transaction_s(db_node: RunningNode) -> None:
    """K05 (TC_K_05_CSMS): a RequestStartTransaction the station accepts with a TxProfile
    records that profile, bound to the remote start; the transaction that carries the
    remoteStartId then has it as its profile. A refused start records nothing."""
    station = await db_node.booted_station("CS-K05")
    profile = station_profile(30, chargingProfilePurpose="TxProfile", stackLevel=1)
    variables = {"station": "CS-K05", "profile": profile}
    call, data = await db_node.run_answered(
        station, START, variables, "RequestStartTransaction", {"status": "Accepted"}
    )
    assert call[3]["chargingProfile"]["id"] == 30
    assert data["requestStartTransaction"]["remoteStartId"] == 1
    await start_transaction(station, "TX-5", remoteStartId=1)
    view = await _view(db_node, "CS-K05", "TX-5")
    (tx_profile,) = view["transactionChargingProfiles"]
    assert (tx_profile["profileId"], tx_profile["remoteStartId"], tx_profile["presence"]) == (
        30,
        1,
        "INSTALLED",
    )
    assert (tx_profile["purpose"], tx_profile["evseId"], tx_profile["stackLevel"]) == (
        "TxProfile",
        1,
        1,
    )
    refused = {
        "station": "CS-K05",
        "profile": station_profile(31, chargingProfilePurpose="TxProfile"),
    }
    await db_node.run_answered(
        station, START, refused, "RequestStartTransaction", {"status": "Rejected"}
    )
    assert 31 not in await profiles_of(db_node, "CS-K05")
    await station.close()
