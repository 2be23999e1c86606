"""Runs of the simulator against the in-test fake CSMS, checked frame by frame.

No assertion is about time: runs end when a condition holds (bounded waits only).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from typing import Any

import pytest

from bench.sim import scenarios
from bench.sim.config import SimConfig
from bench.sim.fleet import Fleet
from bench.sim.report import render
from modules.kernel.schemas import validate
from tests.sim.fake_csms import GET_VARIABLES, Conversation, FakeCsms
from tests.sim.polling import poll_until

Report = dict[str, Any]


@pytest.fixture
async def fake() -> AsyncIterator[FakeCsms]:
    server = FakeCsms(answer_delay=0.02, probe=("SIM-0001",))
    await server.start()
    yield server
    await server.close()


async def run_until(
    config: SimConfig, condition: Callable[[], bool], fake: FakeCsms, limit: float = 15.0
) -> Report:
    """Run the simulator until `condition()` holds (at most `limit` s), then stop it."""
    stop = asyncio.Event()

    async def watch() -> None:
        await poll_until(condition, limit)
        stop.set()

    watcher = asyncio.create_task(watch())
    report = await scenarios.run(config, stop=stop)
    await watcher  # fails the test if the condition never held
    await fake.wait_closed()
    return report


def _validate_conversation(talk: Conversation) -> None:
    """Every frame the station sent is schema-valid (its CALLs and its answers)."""
    csms_calls = {f[1]: f[2] for f in talk.sent if f[0] == 2}
    for frame in talk.received:
        if frame[0] == 2:
            validate(frame[2], "Request", frame[3])
        elif frame[0] == 3:
            validate(csms_calls[frame[1]], "Response", frame[2])


async def test_steady_run_frame_by_frame(fake: FakeCsms) -> None:
    config = SimConfig(
        url=fake.url,
        stations=2,
        evses=2,
        connectors_per_evse=1,
        charging_fraction=0.5,
        meter_interval=0.2,
        duration=60.0,
        strict=True,
    )
    talks = fake.conversations

    def enough() -> bool:
        if len(talks) < 2:
            return False
        one, two = talks.get("SIM-0001"), talks.get("SIM-0002")
        return (
            one is not None
            and two is not None
            and "TriggerMessage" in one.answered_at
            and len(one.calls("Heartbeat")) >= 2
            and len(two.calls("Heartbeat")) >= 1
            and len(one.calls("TransactionEvent")) >= 3
        )

    report = await run_until(config, enough, fake)

    assert fake.violations == []  # never two outstanding CALLs from one station
    assert fake.protocols == ["ocpp2.0.1", "ocpp2.0.1"]
    assert set(talks) == {"SIM-0001", "SIM-0002"}
    for station_id, talk in talks.items():
        calls = talk.calls()
        assert calls[0][2] == "BootNotification", station_id
        assert calls[0][3]["reason"] == "PowerUp"
        assert calls[0][3]["chargingStation"]["serialNumber"] == station_id
        assert len(talk.calls("BootNotification")) == 1
        ids = [f[1] for f in calls]
        assert len(ids) == len(set(ids)), f"{station_id} reused a message id"
        available = [f[3] for f in talk.calls("StatusNotification")]
        initial = [(p["evseId"], p["connectorId"]) for p in available[:2]]
        assert sorted(initial) == [(1, 1), (2, 1)]
        assert all(p["connectorStatus"] == "Available" for p in available[:2])
        assert talk.calls("Heartbeat")
        # every CALL was answered before the socket closed
        answered = {f[1] for f in talk.sent if f[0] in (3, 4)}
        assert answered == set(ids)
        _validate_conversation(talk)

    # station 1 charges (round(2 x 0.5) = 1 station, the first), station 2 does not
    one, two = talks["SIM-0001"], talks["SIM-0002"]
    assert not two.calls("Authorize") and not two.calls("TransactionEvent")
    assert len(two.calls("StatusNotification")) == 2
    order = one.calls()
    statuses = one.calls("StatusNotification")
    assert [p[3]["connectorStatus"] for p in statuses] == ["Available", "Available", "Occupied"]
    # Authorize, then the connector Occupied, then TransactionEvent Started
    authorize = order.index(one.calls("Authorize")[0])
    occupied = order.index(statuses[2])
    started = order.index(one.calls("TransactionEvent")[0])
    assert order.index(statuses[1]) < authorize < occupied < started
    events = [f[3] for f in one.calls("TransactionEvent")]
    assert [e["seqNo"] for e in events] == list(range(len(events)))
    assert events[0]["eventType"] == "Started"
    assert events[0]["triggerReason"] == "Authorized"
    assert events[0]["evse"] == {"id": 1, "connectorId": 1}
    assert events[0]["idToken"]["type"] == "ISO14443"
    assert {e["eventType"] for e in events[1:]} == {"Updated"}
    assert len({e["transactionInfo"]["transactionId"] for e in events}) == 1
    energy = [e["meterValue"][0]["sampledValue"][0]["value"] for e in events]
    assert energy == sorted(energy) and energy[-1] > energy[0]
    assert events[0]["meterValue"][0]["sampledValue"][0]["measurand"] == (
        "Energy.Active.Import.Register"
    )

    # the CSMS's GetVariables and TriggerMessage(Heartbeat) were answered correctly
    csms_calls = [f for f in one.sent if f[0] == 2]
    assert [f[2] for f in csms_calls] == ["GetVariables", "TriggerMessage"]
    get_answer = one.answers[csms_calls[0][1]]
    assert get_answer[0] == 3
    results = get_answer[2]["getVariableResult"]
    assert [r["attributeStatus"] for r in results] == ["Accepted", "UnknownComponent"]
    assert results[0]["attributeValue"] == "1"  # the interval the CSMS gave at boot
    assert [r["component"] for r in results] == [
        d["component"] for d in GET_VARIABLES["getVariableData"]
    ]
    assert one.answers[csms_calls[1][1]] == [3, csms_calls[1][1], {"status": "Accepted"}]
    after_trigger = [f for f in one.received[one.answered_at["TriggerMessage"] :] if f[0] == 2]
    assert "Heartbeat" in [f[2] for f in after_trigger]
    assert not two.sent or all(f[0] != 2 for f in two.sent)

    # the report counts what the fake CSMS saw, exactly
    seen = Counter(f[2] for talk in talks.values() for f in talk.calls())
    refused = Counter(
        call[2]
        for talk in talks.values()
        for call in talk.calls()
        for answer in talk.sent
        if answer[0] == 4 and answer[1] == call[1]
    )
    for action, count in seen.items():
        row = report["actions"][action]
        assert row["sent"] == count, action
        assert row["answered"] == count, action
        assert sum(row["call_errors"].values()) == refused[action], action
        assert row["timeouts"] == 0 and row["aborted"] == 0 and row["invalid_responses"] == 0
        assert row["latency_ms"]["count"] == count
    assert set(report["actions"]) == set(seen)
    assert report["actions"]["Authorize"]["call_errors"] == {"NotSupported": seen["Authorize"]}
    assert report["actions"]["TransactionEvent"]["call_errors"] == {
        "NotSupported": seen["TransactionEvent"]
    }
    assert report["csms_calls"] == {
        "GetVariables": {"received": 1, "results": 1, "call_errors": {}},
        "TriggerMessage": {"received": 1, "results": 1, "call_errors": {}},
    }
    assert report["boot_statuses"] == {"Accepted": 2}
    assert report["connections"]["opened"] == 2
    assert report["connections"]["failures"] == {} and report["connections"]["lost"] == 0
    assert report["totals"]["sent"] == sum(seen.values())
    assert report["unexpected_frames"] == 0
    assert report["schema_violations"]["count"] == 0 and report["crashes"]["count"] == 0
    table = render(report)
    assert f"Authorize NotSupported x{seen['Authorize']}" in table
    assert "GetVariables x1 (1 CALLRESULT)" in table


async def test_heartbeat_flood_keeps_one_call_in_flight(fake: FakeCsms) -> None:
    fake.probe = ()
    fake.answer_delay = 0.0
    config = SimConfig(url=fake.url, stations=3, scenario="heartbeat-flood", strict=True)
    talks = fake.conversations
    report = await run_until(
        config,
        lambda: len(talks) == 3 and all(len(t.calls("Heartbeat")) >= 50 for t in talks.values()),
        fake,
    )
    assert fake.violations == []
    for talk in talks.values():
        assert [f[2] for f in talk.calls()][:1] == ["BootNotification"]
        assert not talk.calls("StatusNotification")
    heartbeats = sum(len(t.calls("Heartbeat")) for t in talks.values())
    assert report["actions"]["Heartbeat"]["sent"] == heartbeats
    assert report["actions"]["Heartbeat"]["results"] == heartbeats
    assert report["scenario_result"]["flooding_stations"] == 3


async def test_reconnect_storm_reboots_everyone(fake: FakeCsms) -> None:
    fake.probe = ()
    config = SimConfig(
        url=fake.url, stations=4, scenario="reconnect-storm", connectors_per_evse=2, strict=True
    )
    report = await scenarios.run(config)
    await fake.wait_closed()
    result = report["scenario_result"]
    assert result["all_accepted_before_drop"] is True
    assert result["accepted_again"] == 4
    assert result["time_to_all_accepted_s"] is not None
    assert result["time_to_accepted_ms"]["count"] == 4
    assert report["connections"]["dropped_by_scenario"] == 4
    assert report["connections"]["opened"] == 8
    assert report["boot_statuses"] == {"Accepted": 8}
    assert fake.violations == []
    for talk in fake.conversations.values():
        boots = talk.calls("BootNotification")
        assert len(boots) == 2
        assert len(talk.calls("StatusNotification")) == 4  # two connectors, twice
    assert report["totals"]["errors"] == 0


async def test_pending_then_accepted_and_id_layout(fake: FakeCsms) -> None:
    fake.probe = ()
    fake.boot_statuses = ["Pending"]
    base = SimConfig(url=fake.url, stations=2, id_prefix="CP", first_index=98, strict=True)
    config = replace(base, charging_fraction=0.0)
    seen: list[Fleet] = []
    stop = asyncio.Event()

    async def watch() -> None:
        await poll_until(lambda: bool(seen) and seen[0].accepted == 2)
        stop.set()

    watcher = asyncio.create_task(watch())
    report = await scenarios.run(config, stop=stop, on_start=seen.append)
    await watcher
    await fake.wait_closed()
    assert set(fake.conversations) == {"CP0098", "CP0099"}
    assert report["boot_statuses"] == {"Accepted": 2, "Pending": 1}
    pending = next(t for t in fake.conversations.values() if len(t.calls("BootNotification")) == 2)
    actions = [f[2] for f in pending.calls()]
    assert actions[:2] == ["BootNotification", "BootNotification"]  # nothing else while Pending


async def test_reset_and_remote_start_from_the_csms(fake: FakeCsms) -> None:
    token = {"idToken": "CARD-1", "type": "ISO14443"}
    fake.script = [
        ("RequestStartTransaction", {"remoteStartId": 5, "idToken": token, "evseId": 1}),
        ("UnlockConnector", {"evseId": 1, "connectorId": 1}),
        ("GetBaseReport", {"requestId": 3, "reportBase": "SummaryInventory"}),
        ("Reset", {"type": "Immediate"}),
        ("GetLocalListVersion", {}),
    ]
    config = SimConfig(url=fake.url, stations=1, charging_fraction=0.0, strict=True)
    talks = fake.conversations

    def rebooted() -> bool:
        talk = talks.get("SIM-0001")
        if talk is None or "GetLocalListVersion" not in talk.answered_at:
            return False
        calls = talk.calls()
        return len(talk.calls("BootNotification")) == 2 and calls[-1][2] == "StatusNotification"

    report = await run_until(config, rebooted, fake)
    talk = talks["SIM-0001"]
    assert fake.violations == []
    answers = [talk.answers[f[1]] for f in talk.sent if f[0] == 2]
    assert [a[2] for a in answers[:4]] == [
        {"status": "Accepted"},
        {"status": "OngoingAuthorizedTransaction"},
        {"status": "Accepted"},
        {"status": "Accepted"},
    ]
    assert answers[4][0] == 4 and answers[4][2] == "NotSupported"
    boots = talk.calls("BootNotification")
    assert [b[3]["reason"] for b in boots] == ["PowerUp", "RemoteReset"]
    calls = talk.calls()
    events = [f[3] for f in talk.calls("TransactionEvent")]
    assert events[0]["eventType"] == "Started"
    assert events[0]["triggerReason"] == "RemoteStart"
    assert events[0]["transactionInfo"]["remoteStartId"] == 5
    assert events[0]["idToken"] == token
    assert events[-1]["eventType"] == "Ended"
    assert events[-1]["transactionInfo"]["stoppedReason"] == "ImmediateReset"
    reports = talk.calls("NotifyReport")
    assert reports and [r[3]["seqNo"] for r in reports] == list(range(len(reports)))
    # the session ended before the reboot, and the reboot came after everything queued
    assert calls.index(boots[1]) > calls.index(talk.calls("TransactionEvent")[-1])
    ids = [f[1] for f in calls]
    assert len(ids) == len(set(ids))
    _validate_conversation(talk)
    assert report["boot_statuses"] == {"Accepted": 2}
    assert report["connections"]["opened"] == 2 and report["connections"]["lost"] == 0
    assert report["csms_calls"]["GetLocalListVersion"] == {
        "received": 1,
        "results": 0,
        "call_errors": {"NotSupported": 1},
    }


@pytest.mark.parametrize("measure_after", [None, 0.0, 1e6])
async def test_steady_latency_counts_only_calls_sent_after_the_mark(
    fake: FakeCsms, measure_after: float | None
) -> None:
    """`--measure-after`: round trips of CALLs sent that far into the run are also kept apart
    (0: every CALL; beyond the run: none; unset: not reported)."""
    fake.probe = ()
    fake.answer_delay = 0.0
    config = SimConfig(
        url=fake.url, stations=2, scenario="heartbeat-flood", measure_after=measure_after
    )
    talks = fake.conversations
    report = await run_until(
        config,
        lambda: len(talks) == 2 and all(len(t.calls("Heartbeat")) >= 20 for t in talks.values()),
        fake,
    )
    for action in report["actions"].values():
        steady = action["steady_latency_ms"]
        if measure_after is None:
            assert steady is None
        elif measure_after == 0.0:
            assert steady["count"] == action["latency_ms"]["count"] > 0
            assert steady["p99"] == action["latency_ms"]["p99"]
        else:
            assert steady["count"] == 0 and action["latency_ms"]["count"] > 0
    assert ("steady state (CALLs sent 0 s or more" in render(report)) is (measure_after == 0.0)


@pytest.mark.parametrize("spread", [0.0, 1.5])
async def test_first_sessions_start_within_the_session_spread(
    fake: FakeCsms, spread: float
) -> None:
    """`--session-spread S`: each charging station's first Authorize comes at a random moment
    within S seconds of its boot (0: right after its statuses), so the fleet's meter timers
    do not all tick together."""
    fake.probe = ()
    fake.answer_delay = 0.0
    config = SimConfig(
        url=fake.url, stations=8, charging_fraction=1.0, session_spread=spread, duration=60.0
    )
    talks = fake.conversations
    await run_until(
        config,
        lambda: len(talks) == 8 and all(t.calls("Authorize") for t in talks.values()),
        fake,
    )
    delays = []
    for talk in talks.values():
        booted, authorized = talk.first_call_at("BootNotification"), talk.first_call_at("Authorize")
        assert booted is not None and authorized is not None
        delays.append(authorized - booted)
    assert all(0.0 <= delay <= spread + 0.5 for delay in delays)
    if spread == 0.0:
        assert max(delays) < 0.5
    else:
        assert max(delays) - min(delays) > 0.2  # not in step
