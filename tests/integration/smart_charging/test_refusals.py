"""What the CSMS refuses before sending a SetChargingProfile, over real GraphQL: profiles no
station could take (K01's rules), what the station's reported SmartChargingCtrlr says it
cannot take, clashes with the profiles it holds (K01.FR.06/39), and a TxProfile without a
running transaction (K01.FR.03/09/33). Each refusal names the field; nothing reaches the
station."""

from __future__ import annotations

from tests.support.nodes import RunningNode
from tests.support.smart_charging import (
    profile_input,
    refused,
    report_smart_charging,
    schedule_input,
    set_profile,
    start_transaction,
)
from tests.support.station import ScriptedStation

PERIOD = "chargingProfile.chargingSchedule.0.chargingSchedulePeriod"


async def _nothing_was_sent(node: RunningNode, station: ScriptedStation) -> None:
    """The next CALL the station gets is a probe, so none came before it."""
    call, _ = await set_profile(
        node, station, profile_input(id=500, stackLevel=7), {"status": "Accepted"}
    )
    assert call[3]["chargingProfile"]["id"] == 500


async def test_k01_rules_refuse_with_the_field_named(db_node: RunningNode) -> None:
    """K01.FR.31 (first period at 0), K01.FR.35 (ascending), K01.FR.19 (phaseToUse with one
    phase), K01.FR.22 (no external constraints), K01.FR.41 (no startSchedule when Relative),
    K01.FR.16 (TxProfile on an EVSE), K01.FR.38 (MaxProfile not Relative)."""
    station = await db_node.booted_station("CS-K01-BAD")
    cases = [
        (
            profile_input(schedules=[schedule_input((60, 16))]),
            f"{PERIOD}.0.startPeriod",
            "the first must be 0",
        ),
        (
            profile_input(schedules=[schedule_input((0, 16), (0, 8))]),
            f"{PERIOD}.1.startPeriod",
            "after the previous",
        ),
        (
            profile_input(
                schedules=[
                    {
                        **schedule_input(),
                        "periods": [
                            {"startPeriod": 0, "limit": 8, "numberPhases": 3, "phaseToUse": 2}
                        ],
                    }
                ]
            ),
            f"{PERIOD}.0.phaseToUse",
            "only with numberPhases 1",
        ),
        (
            profile_input(purpose="ChargingStationExternalConstraints"),
            "chargingProfile.chargingProfilePurpose",
            "external",
        ),
        (
            profile_input(schedules=[schedule_input(startSchedule="2026-12-01T00:00:00Z")]),
            "chargingProfile.chargingSchedule.0.startSchedule",
            "Relative",
        ),
    ]
    for profile, field, words in cases:
        error = await refused(db_node, "CS-K01-BAD", profile)
        assert error["extensions"] == {"code": "INVALID_ARGUMENT", "field": field}, error
        assert words in error["message"]
    tx_on_zero = profile_input(purpose="TxProfile", transactionId="TX")
    assert (await refused(db_node, "CS-K01-BAD", tx_on_zero, 0))["extensions"]["field"] == "evseId"
    relative_max = profile_input(purpose="ChargingStationMaxProfile")
    error = await refused(db_node, "CS-K01-BAD", relative_max, 0)
    assert error["extensions"]["field"] == "chargingProfile.chargingProfileKind"
    await _nothing_was_sent(db_node, station)
    await station.close()


async def test_k01_the_station_s_smart_charging_ctrlr_bounds_the_profile(
    db_node: RunningNode,
) -> None:
    """A station that reported ProfileStackLevel 3, PeriodsPerSchedule 2, RateUnit A, Entries 2
    and ACPhaseSwitchingSupported false is not sent a profile beyond them (code
    UNSUPPORTED_BY_STATION, K01.FR.20 for phaseToUse, K01.FR.26 for the unit)."""
    station = await db_node.booted_station("CS-K01-CAPS")
    await report_smart_charging(
        station,
        ProfileStackLevel="3",
        PeriodsPerSchedule="2",
        RateUnit="A",
        Entries="2",
        ACPhaseSwitchingSupported="false",
    )
    one_phase = {"startPeriod": 0, "limit": 16, "numberPhases": 1, "phaseToUse": 2}
    cases = [
        (profile_input(stackLevel=4), "chargingProfile.stackLevel", "ProfileStackLevel is 3"),
        (
            profile_input(schedules=[schedule_input((0, 16), (60, 8), (120, 4))]),
            "chargingProfile.chargingSchedule.0.chargingSchedulePeriod",
            "PeriodsPerSchedule is 2",
        ),
        (
            profile_input(schedules=[{**schedule_input(), "chargingRateUnit": "W"}]),
            "chargingProfile.chargingSchedule.0.chargingRateUnit",
            "RateUnit allows A",
        ),
        (
            profile_input(schedules=[{**schedule_input(), "periods": [one_phase]}]),
            "chargingProfile.chargingSchedule.0.chargingSchedulePeriod",
            "ACPhaseSwitchingSupported",
        ),
    ]
    for profile, field, words in cases:
        error = await refused(db_node, "CS-K01-CAPS", profile)
        assert error["extensions"] == {"code": "UNSUPPORTED_BY_STATION", "field": field}, error
        assert words in error["message"]
    await set_profile(db_node, station, profile_input(id=1), {"status": "Accepted"})
    await set_profile(db_node, station, profile_input(id=2, stackLevel=1), {"status": "Accepted"})
    full = await refused(db_node, "CS-K01-CAPS", profile_input(id=3, stackLevel=2))
    assert full["extensions"] == {"code": "UNSUPPORTED_BY_STATION", "field": "chargingProfile.id"}
    assert "Entries maximum is 2" in full["message"]
    _, replaced = await set_profile(
        db_node, station, profile_input(id=2, stackLevel=2), {"status": "Accepted"}
    )
    assert replaced["profile"]["stackLevel"] == 2
    await station.close()


async def test_k01_fr_06_a_stack_level_clash_is_refused(db_node: RunningNode) -> None:
    """K01.FR.06: no second profile with the same stackLevel and purpose on the EVSE while
    validities overlap; K01.FR.52/53: nor a TxDefaultProfile at that level on EVSE 0."""
    station = await db_node.booted_station("CS-K01-CLASH")
    await set_profile(db_node, station, profile_input(id=1), {"status": "Accepted"})
    clash = await refused(db_node, "CS-K01-CLASH", profile_input(id=2))
    assert clash["extensions"] == {"code": "PROFILE_CLASH", "field": "chargingProfile.stackLevel"}
    assert "profile 1 (TxDefaultProfile) has stackLevel 0 on EVSE 1" in clash["message"]
    on_zero = await refused(db_node, "CS-K01-CLASH", profile_input(id=2), 0)
    assert "K01.FR.52/53" in on_zero["message"]
    later = profile_input(id=2, validFrom="2030-01-01T00:00:00Z")
    await set_profile(
        db_node,
        station,
        profile_input(id=1, validTo="2030-01-01T00:00:00Z"),
        {"status": "Accepted"},
    )
    _, result = await set_profile(db_node, station, later, {"status": "Accepted"})
    assert result["status"] == "Accepted"
    await station.close()


async def test_k01_a_tx_profile_needs_a_running_transaction(db_node: RunningNode) -> None:
    """K01.FR.03: a TxProfile without transactionId is refused; K01.FR.09/33: one naming a
    transaction the CSMS does not know to be running, or running on another EVSE, too;
    K01.FR.39: the same stackLevel twice for one transaction clashes."""
    station = await db_node.booted_station("CS-K01-TXR")
    missing = await refused(db_node, "CS-K01-TXR", profile_input(purpose="TxProfile"))
    assert missing["extensions"]["field"] == "chargingProfile.transactionId"
    unknown = await refused(
        db_node, "CS-K01-TXR", profile_input(purpose="TxProfile", transactionId="TX-9")
    )
    assert unknown["extensions"]["field"] == "chargingProfile.transactionId"
    assert "no transaction TX-9 is running" in unknown["message"]
    await start_transaction(station, "TX-9", evse_id=2)
    elsewhere = await refused(
        db_node, "CS-K01-TXR", profile_input(purpose="TxProfile", transactionId="TX-9"), 1
    )
    assert (elsewhere["extensions"]["field"], elsewhere["message"]) == (
        "evseId",
        "evseId: transaction TX-9 runs on EVSE 2",
    )
    tx = profile_input(id=1, purpose="TxProfile", transactionId="TX-9")
    await set_profile(db_node, station, tx, {"status": "Accepted"}, 2)
    again = await refused(db_node, "CS-K01-TXR", {**tx, "id": 2}, 2)
    assert "K01.FR.39" in again["message"]
    await station.close()
