"""GetChargingProfiles / ReportChargingProfiles (K09) and GetCompositeSchedule (K08) over a
real websocket and real GraphQL, on SQLite and PostgreSQL: a requestId allocated, parts in
any order and twice, completion once, the report replacing what the CSMS believed for the
criteria asked; the composite schedule stored and returned."""

from __future__ import annotations

from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.smart_charging import (
    COMPOSITE,
    EVENTS,
    GET,
    REQUEST,
    STATION_VIEW,
    profile_input,
    profiles_of,
    set_profile,
    station_profile,
)


def _part(
    request_id: int, evse_id: int, tbc: bool, *profiles: dict[str, object]
) -> dict[str, object]:
    return {
        "requestId": request_id,
        "chargingLimitSource": "CSO",
        "evseId": evse_id,
        "tbc": tbc,
        "chargingProfile": list(profiles),
    }


async def test_tc_k_09_multi_part_report_in_any_order_and_twice(db_node: RunningNode) -> None:
    """K09 (TC_K_09_CSMS): the CSMS allocates requestId 1; the station's parts come last part
    first and one twice; the first part with tbc false completes the request
    (CHARGING_PROFILES_REPORTED once); the report replaces what the CSMS believed for the
    purpose asked: a TxDefaultProfile it left out is NOT_ON_STATION, a MaxProfile stays."""
    station = await db_node.booted_station("CS-K09")
    await set_profile(db_node, station, profile_input(id=1), {"status": "Accepted"})
    station_max = profile_input(id=2, purpose="ChargingStationMaxProfile", kind="Absolute")
    station_max["schedules"][0]["startSchedule"] = "2026-01-01T00:00:00Z"
    await set_profile(db_node, station, station_max, {"status": "Accepted"}, 0)
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-K09"}) as events:
        await db_node.wait_subscribers(1)
        variables = {"station": "CS-K09", "criteria": {"purpose": "TxDefaultProfile"}}
        call, data = await db_node.run_answered(
            station, GET, variables, "GetChargingProfiles", {"status": "Accepted"}
        )
        assert call[3] == {
            "requestId": 1,
            "chargingProfile": {"chargingProfilePurpose": "TxDefaultProfile"},
        }
        result = data["getChargingProfiles"]
        assert (result["requestId"], result["status"], result["request"]["completed"]) == (
            1,
            "Accepted",
            False,
        )
        requested = await next_station_event(events, "CHARGING_PROFILES_REQUESTED")
        assert requested["payload"]["requestId"] == 1
        last = _part(1, 2, False, station_profile(7, stackLevel=2))
        first = _part(1, 1, True, station_profile(5), station_profile(6, stackLevel=1))
        assert (await station.call("ReportChargingProfiles", last))[0] == 3
        reported = await next_station_event(events, "CHARGING_PROFILES_REPORTED")
        assert reported["payload"] == {"requestId": 1, "parts": 1, "profiles": 1}
        assert (await station.call("ReportChargingProfiles", last))[0] == 3
        assert (await station.call("ReportChargingProfiles", first))[0] == 3
    request = await db_node.graphql.data(REQUEST, {"station": "CS-K09", "id": 1})
    assert request["chargingProfileRequest"]["completed"]
    assert (
        request["chargingProfileRequest"]["parts"],
        request["chargingProfileRequest"]["profiles"],
    ) == (2, 3)
    stored = await profiles_of(db_node, "CS-K09")
    assert {
        pid: (row["presence"], row["evseId"], row["reportedRequestId"])
        for pid, row in stored.items()
    } == {
        1: ("NOT_ON_STATION", 1, None),
        2: ("INSTALLED", 0, None),
        5: ("INSTALLED", 1, 1),
        6: ("INSTALLED", 1, 1),
        7: ("INSTALLED", 2, 1),
    }
    await station.close()


async def test_k09_no_profiles_completes_at_once_and_refusals(db_node: RunningNode) -> None:
    """K09: NoProfiles completes the request with nothing reported (what the CSMS believed for
    the criteria is NOT_ON_STATION); criteria that select nothing are refused before sending."""
    station = await db_node.booted_station("CS-K09-NONE")
    await set_profile(db_node, station, profile_input(id=1, stackLevel=4), {"status": "Accepted"})
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-K09-NONE"}) as events:
        await db_node.wait_subscribers(1)
        variables = {"station": "CS-K09-NONE", "criteria": {"stackLevel": 4}, "evse": 1}
        call, data = await db_node.run_answered(
            station, GET, variables, "GetChargingProfiles", {"status": "NoProfiles"}
        )
        assert call[3] == {"requestId": 1, "evseId": 1, "chargingProfile": {"stackLevel": 4}}
        assert data["getChargingProfiles"]["request"]["completed"]
        reported = await next_station_event(events, "CHARGING_PROFILES_REPORTED")
        assert reported["payload"] == {"requestId": 1, "parts": 0, "profiles": 0}
    assert (await profiles_of(db_node, "CS-K09-NONE"))[1]["presence"] == "NOT_ON_STATION"
    body = await db_node.graphql.execute(GET, {"station": "CS-K09-NONE", "criteria": {}})
    (error,) = body["errors"]
    assert error["extensions"]["field"] == "criteria"
    silent = await db_node.run_timed_out(
        station,
        GET,
        {"station": "CS-K09-NONE", "criteria": {"profileIds": [1]}},
        "GetChargingProfiles",
    )
    assert (silent["requestId"], silent["request"]["completed"]) == (2, False)
    await station.close()


async def test_k08_composite_schedule_stored_and_returned(db_node: RunningNode) -> None:
    """K08 (TC_K_08_CSMS): the answer's schedule is stored per EVSE and returned; a later
    Rejected replaces it (COMPOSITE_SCHEDULE_RECEIVED each time)."""
    station = await db_node.booted_station("CS-K08")
    schedule = {
        "evseId": 1,
        "duration": 600,
        "scheduleStart": "2026-11-24T10:00:00Z",
        "chargingRateUnit": "W",
        "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 11000.0}],
    }
    variables = {"station": "CS-K08", "evse": 1, "duration": 600, "unit": "W"}
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-K08"}) as events:
        await db_node.wait_subscribers(1)
        call, data = await db_node.run_answered(
            station,
            COMPOSITE,
            variables,
            "GetCompositeSchedule",
            {"status": "Accepted", "schedule": schedule},
        )
        assert call[3] == {"duration": 600, "evseId": 1, "chargingRateUnit": "W"}
        result = data["getCompositeSchedule"]
        assert (result["status"], result["composite"]["schedule"]) == ("Accepted", schedule)
        assert result["composite"]["chargingRateUnit"] == "W"
        received = await next_station_event(events, "COMPOSITE_SCHEDULE_RECEIVED")
        assert (received["payload"]["evseId"], received["payload"]["duration"]) == (1, 600)
        _, data = await db_node.run_answered(
            station, COMPOSITE, variables, "GetCompositeSchedule", {"status": "Rejected"}
        )
    view = await db_node.graphql.data(STATION_VIEW, {"station": "CS-K08", "tx": "none"})
    assert view["compositeSchedules"] == [
        {"evseId": 1, "duration": 600, "status": "Rejected", "schedule": None}
    ]
    body = await db_node.graphql.execute(COMPOSITE, {**variables, "duration": 0})
    (error,) = body["errors"]
    assert error["extensions"]["field"] == "duration"
    await station.close()


async def test_k09_k08_refused_and_offline_calls(db_node: RunningNode) -> None:
    """A station that answers NotSupported leaves the request CALL_ERROR and not completed; a
    station that is not connected gets nothing (OFFLINE) and no composite is stored."""
    station = await db_node.booted_station("CS-K09-ERR")
    variables = {"station": "CS-K09-ERR", "criteria": {"purpose": "TxProfile"}}
    result = await db_node.run_refused(station, GET, variables, "GetChargingProfiles")
    assert (result["requestId"], result["request"]["completed"]) == (1, False)
    await station.close()
    await db_node.graphql.data('mutation { upsertStation(input: {id: "CS-K08-AWAY"}) { id } }')
    offline = await db_node.graphql.data(
        COMPOSITE, {"station": "CS-K08-AWAY", "evse": 0, "duration": 60}
    )
    assert offline["getCompositeSchedule"]["outcome"] == "OFFLINE"
    assert offline["getCompositeSchedule"]["composite"] is None
