"""Reservation rules and requests (block H): what is refused before a ReserveNow is sent
(H01.FR.11-14, H01.FR.19), the state a reservation is seen in, the token match of H03, and
the requests' payloads (schema-valid)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from modules.kernel import codec, schemas
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import OcppError
from modules.reservations import StationFacts, cancel_reservation, reserve_now
from modules.reservations.policy import (
    any_evse_problem,
    evse_problem,
    expiry_problem,
    refused_status,
    seen_at,
    storable_id,
    token_matches,
)
from modules.reservations.records import StoredReservation
from tests.support.clock import NOW
from tests.support.reservations import EXPIRY

FACTS = StationFacts({1: ("Available", "Occupied"), 2: ("Faulted", "Unavailable"), 3: ()})


def _row(**fields: object) -> StoredReservation:
    values: dict[str, object] = {
        "row_id": 1,
        "station_id": "CS1",
        "reservation_id": 7,
        "id_token": "RFID-1",
        "id_token_type": "ISO14443",
        "expiry_date_time": EXPIRY,
        "evse_id": 1,
        "connector_type": None,
        "group_id_token": None,
        "group_id_token_type": None,
        "requested_at": NOW,
    }
    return StoredReservation(**{**values, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("statuses", "refused"),
    [
        ((), None),
        (("Available",), None),
        (("Available", "Occupied"), "Occupied"),
        (("Faulted", "Faulted"), "Faulted"),
        (("Faulted", "Unavailable"), "Unavailable"),
        (("Available", "Faulted"), None),
        (("Reserved",), None),
    ],
)
def test_h01_fr_11_to_14_an_evse_is_refused_by_its_connectors(
    statuses: tuple[str, ...], refused: str | None
) -> None:
    assert refused_status(statuses) == refused


def test_an_unknown_evse_is_refused_naming_the_known_ones() -> None:
    problem = evse_problem("CS1", 4, FACTS)

    assert problem is not None and problem.field == "evseId"
    assert str(problem) == "evseId: station CS1 has no EVSE 4 (known EVSEs: 1, 2, 3)"
    none_known = evse_problem("CS1", 1, StationFacts())
    assert none_known is not None and "known EVSEs: none reported yet" in str(none_known)


def test_an_evse_in_use_or_out_of_order_is_refused_with_its_statuses() -> None:
    occupied = evse_problem("CS1", 1, FACTS)
    unavailable = evse_problem("CS1", 2, FACTS)

    assert str(occupied) == (
        "evseId: EVSE 1 of station CS1 is Occupied (its connectors reported Available, Occupied)"
    )
    assert unavailable is not None and "is Unavailable" in str(unavailable)
    assert evse_problem("CS1", 3, FACTS) is None
    assert evse_problem("CS1", 0, FACTS) is not None


def test_h01_fr_19_any_evse_only_when_non_evse_specific_is_not_false() -> None:
    refused = any_evse_problem("CS1", StationFacts(non_evse_specific=False))

    assert refused is not None and refused.field == "evseId"
    assert "NonEvseSpecific false" in str(refused)
    assert any_evse_problem("CS1", StationFacts(non_evse_specific=True)) is None
    assert any_evse_problem("CS1", StationFacts()) is None


def test_the_expiry_must_lie_in_the_future() -> None:
    problem = expiry_problem(NOW, NOW)

    assert problem is not None
    assert (
        str(problem) == "expiryDateTime: must be in the future (it is 2026-11-24T10:00:00.000Z now)"
    )
    assert expiry_problem(NOW + timedelta(seconds=1), NOW) is None


def test_a_reservation_is_seen_pending_active_or_ended() -> None:
    """An Accepted reservation past its expiry is seen Ended/Expired at its expiry (H04)."""
    assert seen_at(_row(), NOW).state == "Pending"
    assert seen_at(_row(status="Accepted"), NOW).state == "Active"
    expired = seen_at(_row(status="Accepted"), EXPIRY)
    assert (expired.state, expired.end_reason, expired.ended_at) == ("Ended", "Expired", EXPIRY)
    used = seen_at(_row(status="Accepted", ended_at=NOW, end_reason="Used"), EXPIRY)
    assert (used.state, used.end_reason, used.ended_at) == ("Ended", "Used", NOW)


def test_h03_the_reserved_token_or_a_token_of_the_reserved_group_matches() -> None:
    """H03.FR.01-06: the reserved id token (case-insensitive value, same type), or with a
    group id token, a token whose group is that group."""
    plain = _row()
    grouped = _row(group_id_token="FLEET", group_id_token_type="Central")

    assert token_matches(plain, "rfid-1", "ISO14443", None)
    assert not token_matches(plain, "RFID-1", "Central", None)
    assert not token_matches(plain, "RFID-2", "ISO14443", ("FLEET", "Central"))
    assert token_matches(grouped, "RFID-2", "ISO14443", ("FLEET", "Central"))
    assert not token_matches(grouped, "RFID-2", "ISO14443", ("OTHER", "Central"))
    assert not token_matches(grouped, "RFID-2", "ISO14443", None)
    assert not token_matches(grouped, None, None, None)


def test_reserve_now_payload_is_schema_valid_with_every_field() -> None:
    order = reserve_now("RFID-1", "ISO14443", EXPIRY, 2, "cType2", ("FLEET", "Central"))

    payload = order.payload(5)
    schemas.validate("ReserveNow", "Request", payload)
    assert payload == {
        "id": 5,
        "expiryDateTime": "2026-11-24T11:00:00.000Z",
        "idToken": {"idToken": "RFID-1", "type": "ISO14443"},
        "evseId": 2,
        "connectorType": "cType2",
        "groupIdToken": {"idToken": "FLEET", "type": "Central"},
    }
    wanted = order.wanted
    assert (wanted.evse_id, wanted.connector_type, wanted.expiry_date_time) == (2, "cType2", EXPIRY)
    assert (wanted.group_id_token, wanted.group_id_token_type) == ("FLEET", "Central")


def test_a_naive_expiry_is_utc() -> None:
    order = reserve_now("RFID-1", "ISO14443", datetime(2026, 11, 24, 11, 0))

    assert order.wanted.expiry_date_time == datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
    assert order.payload(1) == {
        "id": 1,
        "expiryDateTime": "2026-11-24T11:00:00.000Z",
        "idToken": {"idToken": "RFID-1", "type": "ISO14443"},
    }


def test_reserve_now_refuses_what_cannot_be_sent() -> None:
    with pytest.raises(InvalidCommand, match=r"^evseId: must be >= 1"):
        reserve_now("RFID-1", "ISO14443", EXPIRY, 0)
    with pytest.raises(InvalidCommand, match=r"^connectorType: 'cGBT' is not one of cCCS1"):
        reserve_now("RFID-1", "ISO14443", EXPIRY, connector_type="cGBT")
    with pytest.raises(OcppError):
        reserve_now("R" * 37, "ISO14443", EXPIRY)


def test_cancel_reservation_request() -> None:
    assert codec.encode(cancel_reservation(3)) == {"reservationId": 3}
    with pytest.raises(InvalidCommand):
        cancel_reservation(-1)


def test_only_ids_a_32_bit_column_holds_are_looked_up() -> None:
    assert storable_id(0) and storable_id(2**31 - 1)
    assert not storable_id(-1) and not storable_id(2**31) and not storable_id(2**64)
