"""Reservations test data: requests as a ReserveNow records them, what other blocks store
about a station's EVSEs (connector statuses, device-model variables) for the SQL store, and
the GraphQL documents and round trips of the integration tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from infra.db.models import ConnectorStatus, DeviceAttribute, DeviceVariable
from modules.reservations import ReservationRequest
from tests.support.clock import NOW
from tests.support.station import CallError, Frame
from tests.support.transactions import ocpp_time

if TYPE_CHECKING:
    from tests.support.nodes import RunningNode
    from tests.support.station import ScriptedStation

EXPIRY = NOW + timedelta(hours=1)
"""When the tests' reservations expire: an hour after the tests' now."""


FLEET = ("FLEET", "Central")
"""The group id token of the tests' grouped reservations."""


def request(
    evse_id: int | None = 1,
    id_token: str = "RFID-1",
    expiry: datetime = EXPIRY,
    connector_type: str | None = None,
    group: tuple[str, str] | None = None,
) -> ReservationRequest:
    """A reservation of `evse_id` (and `connector_type`) for ISO14443 token `id_token` (and
    group id token `group`) until `expiry`."""
    return ReservationRequest(
        id_token=id_token,
        id_token_type="ISO14443",
        expiry_date_time=expiry,
        evse_id=evse_id,
        connector_type=connector_type,
        group_id_token=group[0] if group else None,
        group_id_token_type=group[1] if group else None,
    )


async def store_connector(station_id: str, evse_id: int, connector_id: int, status: str) -> None:
    """A connector status as provisioning stores a StatusNotification."""
    await ConnectorStatus.create(
        station_id=station_id,
        evse_id=evse_id,
        connector_id=connector_id,
        status=status,
        reported_at=NOW,
    )


async def store_variable(
    station_id: str, component: str, variable: str, value: str, evse_id: int | None = None
) -> None:
    """A device-model variable with its Actual value, as a NotifyReport stores it."""
    key = "\x1f".join(
        (component.lower(), "", "" if evse_id is None else str(evse_id), "", variable.lower(), "")
    )
    stored = await DeviceVariable.create(
        station_id=station_id,
        key=key,
        component_name=component,
        evse_id=evse_id,
        variable_name=variable,
        updated_at=NOW,
    )
    await DeviceAttribute.create(variable=stored, type="Actual", value=value, updated_at=NOW)


RESERVATION_FIELDS = """
reservationId stationId evseId connectorType idToken idTokenType groupIdToken
groupIdTokenType expiryDateTime requestedAt status answeredAt state endReason endedAt
transactionId tokenMatched cancelStatus cursor
"""
RESERVE_NOW = f"""
mutation($station: ID!, $token: String!, $expiry: DateTime!, $evse: Int, $connector: String,
         $group: GroupIdTokenInput, $timeout: Float) {{
  reserveNow(stationId: $station, idToken: $token, idTokenType: ISO14443,
             expiryDateTime: $expiry, evseId: $evse, connectorType: $connector,
             groupIdToken: $group, timeoutSeconds: $timeout) {{
    outcome reservationId status statusInfo {{ reasonCode additionalInfo }}
    errorCode errorDescription
    reservation {{ {RESERVATION_FIELDS} }}
  }}
}}
"""
CANCEL_RESERVATION = f"""
mutation($station: ID!, $id: Int!, $timeout: Float) {{
  cancelReservation(stationId: $station, reservationId: $id, timeoutSeconds: $timeout) {{
    outcome status statusInfo {{ reasonCode additionalInfo }} errorCode errorDescription
    reservation {{ {RESERVATION_FIELDS} }}
  }}
}}
"""
RESERVATION = f"""
query($station: ID!, $id: Int!) {{
  reservation(stationId: $station, reservationId: $id) {{ {RESERVATION_FIELDS} }}
}}
"""
RESERVATIONS = f"""
query($station: ID, $state: ReservationState, $token: String, $first: Int, $after: String) {{
  reservations(stationId: $station, state: $state, idToken: $token, first: $first,
               after: $after) {{ {RESERVATION_FIELDS} }}
}}
"""
STATION_EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type payload } }"


def in_an_hour() -> str:
    """An expiryDateTime an hour from the real now (OCPP date-time)."""
    return ocpp_time(datetime.now(UTC) + timedelta(hours=1))


async def reserve(
    node: RunningNode,
    station: ScriptedStation,
    answer: dict[str, Any] | CallError | None,
    **variables: Any,
) -> tuple[Frame, dict[str, Any]]:
    """Run reserveNow for RFID-1 (expiring in an hour unless `expiry` is given) on `station`,
    which answers `answer`; returns the ReserveNow CALL and the mutation's result."""
    given = {"station": station.station_id, "token": "RFID-1", "expiry": in_an_hour()}
    call, data = await node.run_answered(
        station, RESERVE_NOW, {**given, **variables}, "ReserveNow", answer
    )
    result: dict[str, Any] = data["reserveNow"]
    return call, result


async def refused(node: RunningNode, station_id: str, **variables: Any) -> dict[str, Any]:
    """Run reserveNow expecting a refusal before sending; returns its one GraphQL error."""
    given = {"station": station_id, "token": "RFID-1", "expiry": in_an_hour()}
    body = await node.graphql.execute(RESERVE_NOW, {**given, **variables})
    assert body["data"] is None, body
    [error] = body["errors"]
    return dict(error)


async def read_reservation(node: RunningNode, station_id: str, reservation_id: int) -> Any:
    """The `reservation` query's answer (RESERVATION_FIELDS), None when there is none."""
    data = await node.graphql.data(RESERVATION, {"station": station_id, "id": reservation_id})
    return data["reservation"]


async def until_reservation(
    node: RunningNode, station_id: str, reservation_id: int, condition: Callable[[Any], bool]
) -> dict[str, Any]:
    """Poll the reservation until `condition` holds for it (a bounded wait); returns it."""
    seen: list[Any] = []

    async def read() -> None:
        seen.append(await read_reservation(node, station_id, reservation_id))

    for _ in range(500):
        await read()
        if seen[-1] is not None and condition(seen[-1]):
            return dict(seen[-1])
        await asyncio.sleep(0.02)
    raise AssertionError(f"reservation {reservation_id} never reached the state: {seen[-1]}")
