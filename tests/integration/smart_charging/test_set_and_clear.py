"""SetChargingProfile (K01-K03) and ClearChargingProfile (K10) over a real websocket and real
GraphQL, on SQLite and PostgreSQL: the request each sends, the station's answers, the CSMS's
record read back, events, and calls that get no answer."""

from __future__ import annotations

from tests.support.display_messages import until
from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.smart_charging import (
    CLEAR,
    EVENTS,
    SET,
    profile_input,
    profiles_of,
    schedule_input,
    set_profile,
    start_transaction,
)
from tests.support.transactions import send_tx_event


async def test_tc_k_01_set_with_an_allocated_id_accepted_and_rejected(db_node: RunningNode) -> None:
    """K01 (TC_K_01_CSMS): without an id the CSMS allocates one (1, 2, ...); the request carries
    the profile as given; Accepted records it INSTALLED, Rejected records a new one REJECTED;
    CHARGING_PROFILE_SET reports each answer."""
    station = await db_node.booted_station("CS-K01")
    recurring = profile_input(
        stackLevel=2,
        kind="Recurring",
        recurrencyKind="Daily",
        validFrom="2026-12-01T00:00:00Z",
        schedules=[
            schedule_input(
                (0, 32), (28800, 16), startSchedule="2026-12-01T06:00:00Z", duration=86400
            )
        ],
    )
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-K01"}) as events:
        await db_node.wait_subscribers(1)
        call, result = await set_profile(db_node, station, recurring, {"status": "Accepted"}, 0)
        assert call[3] == {
            "evseId": 0,
            "chargingProfile": {
                "id": 1,
                "stackLevel": 2,
                "chargingProfilePurpose": "TxDefaultProfile",
                "chargingProfileKind": "Recurring",
                "recurrencyKind": "Daily",
                "validFrom": "2026-12-01T00:00:00.000Z",
                "chargingSchedule": [
                    {
                        "id": 1,
                        "chargingRateUnit": "A",
                        "chargingSchedulePeriod": [
                            {"startPeriod": 0, "limit": 32.0},
                            {"startPeriod": 28800, "limit": 16.0},
                        ],
                        "startSchedule": "2026-12-01T06:00:00Z",
                        "duration": 86400,
                    }
                ],
            },
        }
        assert (result["outcome"], result["profileId"], result["status"]) == (
            "RESULT",
            1,
            "Accepted",
        )
        profile = result["profile"]
        assert (profile["presence"], profile["evseId"], profile["recurrencyKind"]) == (
            "INSTALLED",
            0,
            "Daily",
        )
        assert profile["schedules"][0]["periods"][1] == {
            "startPeriod": 28800,
            "limit": 16.0,
            "numberPhases": None,
            "phaseToUse": None,
        }
        answered = await next_station_event(events, "CHARGING_PROFILE_SET")
        assert answered["payload"] == {
            "profileId": 1,
            "evseId": 0,
            "purpose": "TxDefaultProfile",
            "stackLevel": 2,
            "transactionId": None,
            "status": "Accepted",
            "reasonCode": None,
            "additionalInfo": None,
        }
        rejected = {"status": "Rejected", "statusInfo": {"reasonCode": "InvalidSchedule"}}
        call, result = await set_profile(db_node, station, profile_input(stackLevel=1), rejected)
        assert (call[3]["chargingProfile"]["id"], result["profileId"]) == (2, 2)
        assert result["statusInfo"] == {"reasonCode": "InvalidSchedule", "additionalInfo": None}
        answered = await next_station_event(events, "CHARGING_PROFILE_SET")
        assert (answered["payload"]["profileId"], answered["payload"]["status"]) == (2, "Rejected")
    stored = await profiles_of(db_node, "CS-K01")
    assert (stored[1]["presence"], stored[2]["presence"]) == ("INSTALLED", "REJECTED")
    assert stored[2]["statusReason"] == "InvalidSchedule"
    await station.close()


async def test_k01_fr_05_replace_and_a_refused_replace_keeps_the_installed(
    db_node: RunningNode,
) -> None:
    """K01.FR.05: setting an id the station holds replaces it when accepted; a refused replace
    leaves the installed profile as it was (with the refusal as its last status)."""
    station = await db_node.booted_station("CS-K01-R")
    await set_profile(db_node, station, profile_input(id=5), {"status": "Accepted"})
    higher = profile_input(id=5, stackLevel=3)
    _, result = await set_profile(db_node, station, higher, {"status": "Rejected"})
    assert (result["profile"]["presence"], result["profile"]["stackLevel"]) == ("INSTALLED", 0)
    assert result["profile"]["status"] == "Rejected"
    _, result = await set_profile(db_node, station, higher, {"status": "Accepted"})
    assert (result["profile"]["stackLevel"], result["profile"]["status"]) == (3, "Accepted")
    await station.close()


async def test_k01_tx_profile_for_a_running_transaction_and_no_answer(db_node: RunningNode) -> None:
    """K01.FR.03: a TxProfile carries the running transaction's id and is recorded against it;
    a call that gets no answer records a new profile FAILED."""
    station = await db_node.booted_station("CS-K01-TX")
    await start_transaction(station, "TX-7", evse_id=2)
    tx = profile_input(purpose="TxProfile", transactionId="TX-7", stackLevel=1)
    call, result = await set_profile(db_node, station, tx, {"status": "Accepted"}, 2)
    assert (call[3]["evseId"], call[3]["chargingProfile"]["transactionId"]) == (2, "TX-7")
    assert (result["profile"]["presence"], result["profile"]["transactionId"]) == (
        "INSTALLED",
        "TX-7",
    )
    variables = {"station": "CS-K01-TX", "evse": 2, "profile": {**tx, "stackLevel": 2}}
    silent = await db_node.run_timed_out(station, SET, variables, "SetChargingProfile")
    assert (silent["profileId"], silent["profile"]["presence"]) == (2, "FAILED")
    assert silent["profile"]["outcome"] == "TIMEOUT"
    await station.close()
    await db_node.graphql.data('mutation { upsertStation(input: {id: "CS-K01-AWAY"}) { id } }')
    away = {"station": "CS-K01-AWAY", "evse": 1, "profile": profile_input()}
    offline = (await db_node.graphql.data(SET, away))["setChargingProfile"]
    assert (offline["outcome"], offline["profileId"]) == ("OFFLINE", 1)
    assert offline["profile"]["presence"] == "FAILED"


async def test_k02_fr_05_tx_profiles_end_with_their_transaction(db_node: RunningNode) -> None:
    """K02.FR.05: the station deletes a TxProfile when its transaction stops, so after the
    Ended TransactionEvent the CSMS reads it back TX_ENDED; the TxDefaultProfile stays."""
    station = await db_node.booted_station("CS-K02-END")
    await start_transaction(station, "TX-8", evse_id=1)
    tx = profile_input(id=8, purpose="TxProfile", transactionId="TX-8", stackLevel=1)
    await set_profile(db_node, station, tx, {"status": "Accepted"})
    await set_profile(db_node, station, profile_input(id=9), {"status": "Accepted"})
    ended = await send_tx_event(station, "Ended", "TX-8", 1, "StopAuthorized")
    assert ended[0] == 3, ended
    profiles = await until(
        lambda: profiles_of(db_node, "CS-K02-END"),
        lambda rows: rows[8]["presence"] != "INSTALLED",
    )
    assert (profiles[8]["presence"], profiles[9]["presence"]) == ("TX_ENDED", "INSTALLED")
    await station.close()


async def test_k10_clear_by_id_and_by_criteria(db_node: RunningNode) -> None:
    """K10 (TC_K_10_CSMS): clear by id, Accepted → CLEARED; by criteria, Unknown (K10.FR.01:
    the station had none) → NOT_ON_STATION; CHARGING_PROFILE_CLEARED says how many."""
    station = await db_node.booted_station("CS-K10")
    await set_profile(db_node, station, profile_input(id=1), {"status": "Accepted"})
    await set_profile(db_node, station, profile_input(id=2, stackLevel=1), {"status": "Accepted"})
    await set_profile(db_node, station, profile_input(id=3), {"status": "Accepted"}, 2)
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-K10"}) as events:
        await db_node.wait_subscribers(1)
        variables = {"station": "CS-K10", "id": 1}
        call, data = await db_node.run_answered(
            station, CLEAR, variables, "ClearChargingProfile", {"status": "Accepted"}
        )
        assert call[3] == {"chargingProfileId": 1}
        result = data["clearChargingProfile"]
        assert result["status"] == "Accepted"
        assert {row["profileId"]: row["presence"] for row in result["profiles"]}[1] == "CLEARED"
        cleared = await next_station_event(events, "CHARGING_PROFILE_CLEARED")
        assert (cleared["payload"]["profileId"], cleared["payload"]["cleared"]) == (1, 1)
        criteria = {"evseId": 1, "purpose": "TxDefaultProfile"}
        call, data = await db_node.run_answered(
            station,
            CLEAR,
            {"station": "CS-K10", "criteria": criteria},
            "ClearChargingProfile",
            {"status": "Unknown"},
        )
        assert call[3] == {
            "chargingProfileCriteria": {"evseId": 1, "chargingProfilePurpose": "TxDefaultProfile"}
        }
        cleared = await next_station_event(events, "CHARGING_PROFILE_CLEARED")
        assert (cleared["payload"]["status"], cleared["payload"]["cleared"]) == ("Unknown", 1)
    stored = await profiles_of(db_node, "CS-K10")
    assert {pid: row["presence"] for pid, row in stored.items()} == {
        1: "CLEARED",
        2: "NOT_ON_STATION",
        3: "INSTALLED",
    }
    body = await db_node.graphql.execute(CLEAR, {"station": "CS-K10"})
    (error,) = body["errors"]
    assert error["extensions"]["field"] == "chargingProfileCriteria"
    await station.close()
