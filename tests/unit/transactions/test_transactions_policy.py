"""The transaction merge policy: a fold of the distinct events in seqNo order (E01-E15)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from modules.transactions.policy import (
    ENDED,
    STARTED,
    UPDATED,
    EventFacts,
    TransactionState,
    apply,
    arrives_late,
    facts_from_payload,
    fold,
)

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def event(seq_no: int, event_type: str = UPDATED, **fields: object) -> EventFacts:
    base = EventFacts(
        seq_no=seq_no,
        event_type=event_type,
        timestamp=T0 + timedelta(minutes=seq_no),
        trigger_reason="ChargingStateChanged",
    )
    return replace(base, **fields)  # type: ignore[arg-type]


SESSION = [
    event(
        0,
        STARTED,
        id_token="TOKEN-1",
        id_token_type="ISO14443",
        evse_id=1,
        connector_id=1,
        charging_state="EVConnected",
        trigger_reason="Authorized",
        remote_start_id=7,
    ),
    event(1, charging_state="Charging", time_spent_charging=0),
    event(2, trigger_reason="MeterValuePeriodic", time_spent_charging=60),
    event(
        3,
        ENDED,
        charging_state="EVConnected",
        stopped_reason="EVDisconnected",
        id_token="OTHER",
        id_token_type="ISO14443",
        trigger_reason="EVCommunicationLost",
    ),
]


def test_a_whole_session_in_order() -> None:
    """State follows the highest seqNo; the token is the one that started it; Ended ends."""
    state = fold(SESSION)
    assert state == TransactionState(
        evse_id=1,
        connector_id=1,
        id_token="TOKEN-1",
        id_token_type="ISO14443",
        charging_state="EVConnected",
        active=False,
        started_at=T0,
        ended_at=T0 + timedelta(minutes=3),
        stopped_reason="EVDisconnected",
        last_trigger_reason="EVCommunicationLost",
        time_spent_charging=60,
        remote_start_id=7,
        last_seq_no=3,
        event_count=4,
        has_started_event=True,
        has_ended_event=True,
    )


def test_every_arrival_order_gives_the_same_state() -> None:
    """Late, offline and out-of-order events (E04, E12) merge to the in-order result."""
    expected = fold(SESSION)
    for order in itertools.permutations(SESSION):
        state = TransactionState()
        seen: list[EventFacts] = []
        for facts in order:
            state = fold([*seen, facts]) if arrives_late(state, facts) else apply(state, facts)
            seen.append(facts)
        assert state == expected, order


def test_an_update_after_ended_does_not_reactivate() -> None:
    """Ended sets active False whatever comes after it (even a higher seqNo)."""
    state = fold([event(0, STARTED), event(1, ENDED), event(2, charging_state="Charging")])
    assert state.active is False
    assert state.has_ended_event
    assert state.charging_state == "Charging"
    assert state.ended_at == T0 + timedelta(minutes=1)


def test_ended_without_started_is_a_complete_transaction() -> None:
    """Started lost: started_at is the earliest event's timestamp; Local when no reason."""
    state = fold([event(5, ENDED, timestamp=T0 + timedelta(hours=1)), event(4, timestamp=T0)])
    assert state.started_at == T0
    assert state.has_started_event is False
    assert state.stopped_reason == "Local"
    assert state.active is False
    assert state.event_count == 2


def test_started_timestamp_wins_over_earlier_updates() -> None:
    """An Updated stamped before the Started does not move the start time once Started is in."""
    early = event(1, timestamp=T0 - timedelta(minutes=5))
    state = fold([early, event(0, STARTED)])
    assert state.started_at == T0


def test_connector_follows_a_new_evse() -> None:
    """A changed EVSE without connector does not keep the previous EVSE's connector."""
    state = fold([event(0, STARTED, evse_id=1, connector_id=2), event(1, evse_id=3)])
    assert (state.evse_id, state.connector_id) == (3, None)
    state = fold([event(0, STARTED, evse_id=1, connector_id=2), event(1, evse_id=1)])
    assert (state.evse_id, state.connector_id) == (1, 2)


def test_seq_no_restarting_at_zero_is_per_transaction() -> None:
    """TC_E_53_CSMS: every transaction may start at seqNo 0 (E01.FR.07)."""
    assert fold([event(0, STARTED)]).last_seq_no == 0


def test_facts_from_payload() -> None:
    """The request's JSON becomes the facts the fold uses."""
    facts = facts_from_payload(
        {
            "eventType": "Ended",
            "timestamp": "2026-03-01T10:00:00.000Z",
            "triggerReason": "RemoteStop",
            "seqNo": 9,
            "offline": True,
            "transactionInfo": {
                "transactionId": "TX-1",
                "chargingState": "Idle",
                "stoppedReason": "Remote",
                "timeSpentCharging": 120,
                "remoteStartId": 3,
            },
            "evse": {"id": 2, "connectorId": 1},
            "idToken": {"idToken": "ABC", "type": "Central"},
            "numberOfPhasesUsed": 3,
            "cableMaxCurrent": 32,
            "reservationId": 4,
        }
    )
    assert facts == EventFacts(
        seq_no=9,
        event_type="Ended",
        timestamp=T0,
        trigger_reason="RemoteStop",
        offline=True,
        charging_state="Idle",
        time_spent_charging=120,
        stopped_reason="Remote",
        remote_start_id=3,
        evse_id=2,
        connector_id=1,
        id_token="ABC",
        id_token_type="Central",
        reservation_id=4,
        number_of_phases_used=3,
        cable_max_current=32,
    )
