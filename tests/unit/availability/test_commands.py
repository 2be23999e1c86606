"""ChangeAvailability as a typed command: the request built from arguments, and the result
handler's AVAILABILITY_CHANGED event (G03/G04, TC_G_03..08_CSMS)."""

from __future__ import annotations

from ocpp.v201 import call_result, datatypes, enums

from modules.availability import AvailabilityChanged, Scope, change_availability
from modules.availability.commands import change_availability_result
from modules.kernel import codec, schemas
from modules.kernel.events import from_bytes
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW


def test_a_connector_request_is_schema_valid_and_names_evse_and_connector() -> None:
    scope, request = change_availability(enums.OperationalStatusEnumType.inoperative, 1, 2)

    payload = codec.encode(request)

    assert scope is Scope.CONNECTOR
    assert payload == {"operationalStatus": "Inoperative", "evse": {"id": 1, "connectorId": 2}}
    schemas.validate("ChangeAvailability", "Request", payload)


def test_a_station_request_has_no_evse() -> None:
    scope, request = change_availability(enums.OperationalStatusEnumType.operative)

    assert scope is Scope.STATION
    assert codec.encode(request) == {"operationalStatus": "Operative"}


async def test_the_answer_becomes_one_availability_changed_event() -> None:
    ctx = HandlerContext(station_id="CS1", message_id="m1", now=NOW)
    _, request = change_availability(enums.OperationalStatusEnumType.inoperative, 3)
    response = call_result.ChangeAvailability(
        status=enums.ChangeAvailabilityStatusEnumType.scheduled,
        status_info=datatypes.StatusInfoType(reason_code="TxInProgress"),
    )

    await change_availability_result(ctx, request, response)

    (event,) = ctx.events
    assert event == AvailabilityChanged(
        station_id="CS1",
        occurred_at=NOW,
        operational_status="Inoperative",
        scope="EVSE",
        evse_id=3,
        connector_id=None,
        status="Scheduled",
        reason_code="TxInProgress",
    )
    assert event.payload == {
        "operationalStatus": "Inoperative",
        "scope": "EVSE",
        "evseId": 3,
        "connectorId": None,
        "status": "Scheduled",
        "reasonCode": "TxInProgress",
        "additionalInfo": None,
    }
    assert from_bytes(event.to_bytes()) == event
