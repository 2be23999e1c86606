"""The composite schedule the CSMS expects (K08, computed from the profiles it stored as
INSTALLED) over a real websocket and real GraphQL, on SQLite and PostgreSQL, next to the
station's own GetCompositeSchedule answer."""

from __future__ import annotations

from typing import Any

from tests.support.nodes import RunningNode
from tests.support.smart_charging import (
    COMPOSITE,
    profile_input,
    schedule_input,
    set_profile,
)

START = "2026-12-01T10:00:00Z"
EXPECTED = """
query($station: ID!, $evse: Int!, $duration: Int!, $unit: ChargingRateUnit, $start: DateTime) {
  expectedCompositeSchedule(stationId: $station, evseId: $evse, duration: $duration,
                            chargingRateUnit: $unit, start: $start) {
    stationId evseId scheduleStart duration chargingRateUnit
    periods { startPeriod limit numberPhases }
    reported { evseId duration status schedule }
  }
}
"""


def _periods(*rows: tuple[int, float]) -> list[dict[str, Any]]:
    return [{"startPeriod": start, "limit": limit, "numberPhases": 3} for start, limit in rows]


async def _install_two_profiles(node: RunningNode, station_id: str) -> Any:
    station = await node.booted_station(station_id)
    station_max = profile_input(
        id=1,
        purpose="ChargingStationMaxProfile",
        kind="Absolute",
        schedules=[schedule_input((0, 32), (1800, 20), startSchedule=START)],
    )
    default = profile_input(
        id=2,
        stackLevel=1,
        kind="Absolute",
        schedules=[schedule_input((0, 16), (900, 25), (2700, 10), startSchedule=START)],
    )
    for profile, evse in ((station_max, 0), (default, 1)):
        _, result = await set_profile(node, station, profile, {"status": "Accepted"}, evse)
        assert result["status"] == "Accepted", result
    return station


async def test_k08_expected_schedule_is_the_lowest_of_the_installed_profiles(
    db_node: RunningNode,
) -> None:
    """K08.FR.04/05, K01.FR.14 (SC.01): for EVSE 1 the expected schedule is, at each instant,
    the lower of the station's ChargingStationMaxProfile (32 A, 20 A from 1800 s) and the
    TxDefaultProfile on the EVSE (16 A, 25 A from 900 s, 10 A from 2700 s); in W at the
    configured 230 V on 3 phases."""
    await _install_two_profiles(db_node, "CS-EXP1")
    variables = {"station": "CS-EXP1", "evse": 1, "duration": 3600, "start": START}
    data = await db_node.graphql.data(EXPECTED, {**variables, "unit": "A"})
    expected = data["expectedCompositeSchedule"]
    assert (expected["evseId"], expected["duration"], expected["chargingRateUnit"]) == (
        1,
        3600,
        "A",
    )
    assert expected["scheduleStart"].startswith("2026-12-01T10:00:00")
    assert expected["periods"] == _periods((0, 16.0), (900, 25.0), (1800, 20.0), (2700, 10.0))
    assert expected["reported"] is None
    watts = await db_node.graphql.data(EXPECTED, {**variables, "unit": "W"})
    assert watts["expectedCompositeSchedule"]["periods"] == _periods(
        (0, 11040.0), (900, 17250.0), (1800, 13800.0), (2700, 6900.0)
    )


async def test_k08_expected_schedule_next_to_the_station_answer(db_node: RunningNode) -> None:
    """K08: after a GetCompositeSchedule the station answered, the expected schedule comes with
    the station's answer for the same EVSE, so the two can be compared (here the station
    reports 16 A throughout, which differs from the expected periods from 900 s on)."""
    station = await _install_two_profiles(db_node, "CS-EXP2")
    answer = {
        "evseId": 1,
        "duration": 3600,
        "scheduleStart": START,
        "chargingRateUnit": "A",
        "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 16.0, "numberPhases": 3}],
    }
    asked = {"station": "CS-EXP2", "evse": 1, "duration": 3600, "unit": "A"}
    await db_node.run_answered(
        station,
        COMPOSITE,
        asked,
        "GetCompositeSchedule",
        {"status": "Accepted", "schedule": answer},
    )
    data = await db_node.graphql.data(EXPECTED, {**asked, "start": START})
    expected = data["expectedCompositeSchedule"]
    assert expected["periods"] == _periods((0, 16.0), (900, 25.0), (1800, 20.0), (2700, 10.0))
    reported = expected["reported"]
    assert (reported["evseId"], reported["status"]) == (1, "Accepted")
    assert reported["schedule"]["chargingSchedulePeriod"] == answer["chargingSchedulePeriod"]


async def test_expected_schedule_refuses_a_bad_duration(db_node: RunningNode) -> None:
    """A duration of 0 is refused with an error naming the argument."""
    body = await db_node.graphql.execute(EXPECTED, {"station": "CS-EXP3", "evse": 1, "duration": 0})
    assert body["data"] is None, body
    (error,) = body["errors"]
    assert "duration" in error["message"]
