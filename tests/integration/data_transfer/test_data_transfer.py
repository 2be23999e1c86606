"""DataTransfer (block P) over a real websocket and real GraphQL, on SQLite and PostgreSQL.

TC_P_02_CSMS: a station's DataTransfer gets a DataTransferResponse (UnknownVendorId,
UnknownMessageId or Rejected), never a CALLERROR (P02.FR.06/07). With a registered vendor
handler (the block's documented example) a known messageId gets the vendor's answer. P01: the
dataTransfer mutation returns the station's answer typed. Every transfer is stored and read
back with `dataTransfers`.
"""

from __future__ import annotations

from typing import Any

from modules.data_transfer import EXAMPLE_VENDOR_ID, ExampleVendor
from tests.conftest import NodeFactory
from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type stationId payload } }"

DATA_TRANSFER = """
mutation($station: ID!, $vendor: String!, $message: String, $data: JSON, $timeout: Float) {
  dataTransfer(stationId: $station, vendorId: $vendor, messageId: $message, data: $data,
               timeoutSeconds: $timeout) {
    outcome status statusInfo { reasonCode additionalInfo } data errorCode errorDescription
  }
}
"""

TRANSFERS = """
query($station: ID!, $direction: DataTransferDirection, $vendor: String, $first: Int,
      $after: String) {
  dataTransfers(stationId: $station, direction: $direction, vendorId: $vendor, first: $first,
                after: $after) {
    cursor stationId direction vendorId messageId data outcome status
    statusInfo { reasonCode additionalInfo } responseData errorCode recordedAt
  }
}
"""


async def transfers_of(node: RunningNode, station_id: str, **filters: Any) -> list[dict[str, Any]]:
    """The station's stored transfers, newest first."""
    data = await node.graphql.data(TRANSFERS, {"station": station_id, **filters})
    rows: list[dict[str, Any]] = data["dataTransfers"]
    return rows


async def test_an_unknown_vendor_is_answered_unknown_vendor_id_and_stored_tc_p_02(
    db_node: RunningNode,
) -> None:
    """TC_P_02_CSMS, P02.FR.06: no handler is registered by default, so any vendor is
    unknown; the transfer is stored and published as DATA_TRANSFER."""
    station = await db_node.booted_station("CS-DT-1")
    sent = {"vendorId": "com.acme.charger", "messageId": "Diag", "data": {"temp": [21.5, 22]}}
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-DT-1"}) as subscription:
        await db_node.wait_subscribers(1)
        answer = await station.call("DataTransfer", sent)
        event = await next_station_event(subscription, "DATA_TRANSFER")

    assert answer == [3, answer[1], {"status": "UnknownVendorId"}]
    (row,) = await transfers_of(db_node, "CS-DT-1")
    assert {key: value for key, value in row.items() if key not in ("cursor", "recordedAt")} == {
        "stationId": "CS-DT-1",
        "direction": "FROM_STATION",
        "vendorId": "com.acme.charger",
        "messageId": "Diag",
        "data": {"temp": [21.5, 22]},
        "outcome": "RESULT",
        "status": "UnknownVendorId",
        "statusInfo": None,
        "responseData": None,
        "errorCode": None,
    }
    assert event["payload"] == {
        "transferId": event["payload"]["transferId"],
        "direction": "FROM_STATION",
        "vendorId": "com.acme.charger",
        "messageId": "Diag",
        "status": "UnknownVendorId",
    }
    await station.close()


async def test_a_registered_vendor_routes_by_message_id(
    make_node: NodeFactory, database_url: str
) -> None:
    """P02.FR.06/07 with the example vendor registered in the composition root: another
    vendor is UnknownVendorId, an unknown messageId of the vendor UnknownMessageId, its `Echo`
    the vendor's answer (Accepted with the data, Rejected without any)."""
    node = await make_node(database_url, vendors=[ExampleVendor()])
    station = await node.booted_station("CS-DT-2")
    echoed = {"readings": [{"at": "2026-12-07T10:00:00Z", "kWh": 12.25}], "ok": True, "n": 0}

    other = await station.call("DataTransfer", {"vendorId": "com.other", "messageId": "Echo"})
    unknown = await station.call(
        "DataTransfer", {"vendorId": EXAMPLE_VENDOR_ID, "messageId": "Reboot", "data": "now"}
    )
    no_message = await station.call("DataTransfer", {"vendorId": EXAMPLE_VENDOR_ID})
    echo = await station.call(
        "DataTransfer", {"vendorId": EXAMPLE_VENDOR_ID, "messageId": "Echo", "data": echoed}
    )
    empty = await station.call("DataTransfer", {"vendorId": EXAMPLE_VENDOR_ID, "messageId": "Echo"})

    assert other[2] == {"status": "UnknownVendorId"}
    assert unknown[2] == {"status": "UnknownMessageId"}
    assert no_message[2] == {"status": "UnknownMessageId"}
    assert echo[2] == {"status": "Accepted", "data": echoed}
    assert empty[2] == {"status": "Rejected", "statusInfo": {"reasonCode": "MissingData"}}
    rows = await transfers_of(node, "CS-DT-2", vendor=EXAMPLE_VENDOR_ID)
    assert [(r["messageId"], r["status"], r["data"], r["responseData"]) for r in rows] == [
        ("Echo", "Rejected", None, None),
        ("Echo", "Accepted", echoed, echoed),
        (None, "UnknownMessageId", None, None),
        ("Reboot", "UnknownMessageId", "now", None),
    ]
    assert rows[0]["statusInfo"] == {"reasonCode": "MissingData", "additionalInfo": None}
    assert len(await transfers_of(node, "CS-DT-2")) == 5
    await station.close()


async def test_the_operator_data_transfer_returns_the_station_answer_and_is_stored(
    db_node: RunningNode,
) -> None:
    """P01: the request carries the data exactly (null members included); the station's
    status, statusInfo and data come back typed; the transfer is stored with the answer."""
    station = await db_node.booted_station("CS-DT-3")
    data = {"tariff": {"id": 7, "note": None}, "rates": [0.25, 0.3]}
    variables = {"station": "CS-DT-3", "vendor": "com.acme", "message": "SetTariff", "data": data}
    answer = {
        "status": "Rejected",
        "statusInfo": {"reasonCode": "Busy", "additionalInfo": "try later"},
        "data": ["queued", 3],
    }

    call, result = await db_node.run_answered(
        station, DATA_TRANSFER, variables, "DataTransfer", answer
    )

    assert call[3] == {"vendorId": "com.acme", "messageId": "SetTariff", "data": data}
    assert result["dataTransfer"] == {
        "outcome": "RESULT",
        "status": "Rejected",
        "statusInfo": {"reasonCode": "Busy", "additionalInfo": "try later"},
        "data": ["queued", 3],
        "errorCode": None,
        "errorDescription": None,
    }
    (row,) = await transfers_of(db_node, "CS-DT-3", direction="TO_STATION")
    assert (row["direction"], row["vendorId"], row["messageId"]) == (
        "TO_STATION",
        "com.acme",
        "SetTariff",
    )
    assert (row["data"], row["status"], row["responseData"]) == (data, "Rejected", ["queued", 3])
    assert row["statusInfo"] == {"reasonCode": "Busy", "additionalInfo": "try later"}
    await station.close()


async def test_every_answer_of_the_station_is_typed_and_unanswered_transfers_are_stored(
    db_node: RunningNode,
) -> None:
    """P01.FR.05/06 from the station's side, a CALLERROR and a timeout; an offline station
    is sent nothing and nothing is stored."""
    station = await db_node.booted_station("CS-DT-4")
    base = {"station": "CS-DT-4", "vendor": "com.acme"}
    for status in ("Accepted", "UnknownVendorId", "UnknownMessageId"):
        _, data = await db_node.run_answered(
            station, DATA_TRANSFER, base, "DataTransfer", {"status": status}
        )
        assert (data["dataTransfer"]["status"], data["dataTransfer"]["data"]) == (status, None)
    refused = await db_node.run_refused(station, DATA_TRANSFER, base, "DataTransfer")
    timed_out = await db_node.run_timed_out(station, DATA_TRANSFER, base, "DataTransfer")
    offline = await db_node.graphql.data(DATA_TRANSFER, {**base, "station": "CS-DT-ABSENT"})

    assert refused["status"] is None and timed_out["status"] is None
    assert offline["dataTransfer"]["outcome"] == "OFFLINE"
    rows = await transfers_of(db_node, "CS-DT-4")
    assert [(r["outcome"], r["status"], r["errorCode"]) for r in rows] == [
        ("TIMEOUT", None, None),
        ("CALL_ERROR", None, "NotSupported"),
        ("RESULT", "UnknownMessageId", None),
        ("RESULT", "UnknownVendorId", None),
        ("RESULT", "Accepted", None),
    ]
    older = await transfers_of(db_node, "CS-DT-4", first=2, after=rows[1]["cursor"])
    assert older == rows[2:4]
    await station.close()


async def test_arguments_a_data_transfer_cannot_carry_are_input_errors(
    node: RunningNode,
) -> None:
    for variables, field in [
        ({"vendor": ""}, "vendorId"),
        ({"vendor": "v" * 256}, "vendorId"),
        ({"vendor": "com.acme", "message": "m" * 51}, "messageId"),
    ]:
        body = await node.graphql.execute(DATA_TRANSFER, {"station": "CS-X", **variables})
        (error,) = body["errors"]
        assert error["extensions"]["field"] == field, error


async def test_a_vendor_handler_fault_is_answered_rejected_not_a_callerror(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    """A vendor handler that raises still gets the station a DataTransferResponse."""

    class Faulty:
        vendor_id = "com.faulty"

        def message_handler(self, message_id: str | None) -> Any:
            async def fail(transfer: Any) -> Any:
                raise RuntimeError("vendor bug")

            return fail

    node = await make_node(sqlite_url, vendors=[Faulty()])
    station = await node.booted_station("CS-DT-5")
    answer = await station.call("DataTransfer", {"vendorId": "com.faulty", "messageId": "x"})
    assert answer[2] == {"status": "Rejected", "statusInfo": {"reasonCode": "InternalError"}}
    (row,) = await transfers_of(node, "CS-DT-5")
    assert row["status"] == "Rejected"
    await station.close()
