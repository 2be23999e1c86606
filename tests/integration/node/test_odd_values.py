"""Odd but schema-valid station values over real websockets, on SQLite and PostgreSQL: stored
exactly (or clamped, for a leap second) or refused naming the field, never InternalError, and
the fleet view keeps answering for every operator (issue 24 items 4-5).

Part 2 §2.1.4: a dateTime is RFC 3339 (which allows lower-case `t`/`z` and second 60, §5.6),
an integer 32 bits. Part 4 §4.3: a value outside what its field allows is answered
PropertyConstraintViolation, one of the wrong type TypeConstraintViolation.
"""

from __future__ import annotations

from typing import Any

import pytest

from modules.kernel.schemas import raw_schema
from modules.kernel.value_limits import compile_plan
from tests.support.nodes import RunningNode
from tests.support.odd_values import (
    CASES,
    FLEET,
    NORMAL,
    OddCase,
    event_item,
    sample,
    transaction_started,
)
from tests.support.station import ScriptedStation

ODD = "CS-ODD"
BYSTANDER = "CS-BYSTANDER"

ACCEPTED = [
    ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00+00:00"),
    ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.999999+00:00"),
    ("2026-11-24t11:00:00+01:00", "2026-11-24T10:00:00+00:00"),
    ("2026-11-24t10:00:01.5z", "2026-11-24T10:00:01.500000+00:00"),
    ("9999-12-31T23:59:59.999+01:00", "9999-12-31T22:59:59.999000+00:00"),
]
"""RFC 3339 date-times in range once in UTC, and the instant each reads back as: the
earliest, a leap second (the last microsecond of its minute), lower-case t/z, the latest."""

OUT_OF_RANGE = ["9999-12-31T23:59:59-01:00", "0001-01-01t00:00:00+01:00"]
"""Valid RFC 3339, but outside years 1-9999 once in UTC."""


async def fleet(node: RunningNode) -> dict[str, Any]:
    """The fleet view; fails on any GraphQL error."""
    return await node.graphql.data(FLEET, {"id": ODD})


async def bystander(node: RunningNode) -> ScriptedStation:
    """Another station with a connector, an alert and a transaction of its own."""
    station = await node.booted_station(BYSTANDER)
    assert (await station.status(1, 1, "Available"))[0] == 3
    alert = {"generatedAt": NORMAL, "seqNo": 0, "eventData": [event_item(NORMAL, 1)]}
    assert (await station.call("NotifyEvent", alert))[0] == 3
    assert (await station.call("TransactionEvent", transaction_started(NORMAL, 1)))[0] == 3
    return station


def assert_bystander_intact(data: dict[str, Any]) -> None:
    """What the bystander stored still reads back."""
    (station,) = [s for s in data["stations"] if s["id"] == BYSTANDER]
    assert station["evses"] == [
        {
            "id": 1,
            "connectors": [
                {"id": 1, "status": "Available", "reportedAt": "2026-11-24T10:00:00+00:00"}
            ],
        }
    ]
    assert [a["eventId"] for a in data["stationAlerts"] if a["stationId"] == BYSTANDER] == [1]
    assert [t["transactionId"] for t in data["transactions"] if t["stationId"] == BYSTANDER] == [
        "ODD-1"
    ]


async def test_every_handled_action_with_a_date_time_has_a_case(node: RunningNode) -> None:
    """The cases below cover each CS->CSMS action this CSMS handles whose request schema holds
    a date-time (an unhandled one is answered NotSupported before its payload is read)."""
    with_times = {
        action
        for action in node.node.routing.station_calls
        if "date-time" in str(compile_plan(raw_schema(action, "Request")))
    }

    assert with_times == {case.action for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[case.action for case in CASES])
async def test_odd_but_valid_date_times_are_stored_and_the_fleet_view_still_reads(
    db_node: RunningNode, case: OddCase
) -> None:
    """Earliest and latest instants, a leap second and lower-case t/z: CALLRESULT, stored as
    the same instant in UTC (a leap second as :59.999999), and every fleet query answers."""
    other = await bystander(db_node)
    station = await db_node.booted_station(ODD)

    for n, (sent, stored) in enumerate(ACCEPTED, start=2):
        answer = await station.call(case.action, case.payload(sent, n))
        assert answer[0] == 3, (sent, answer)
        data = await fleet(db_node)
        shown = case.stored(data, ODD, n)
        if case.action == "NotifyReport":
            assert shown == ["1"], (sent, shown)
        else:
            assert shown and set(shown) == {stored}, (sent, shown)
        assert_bystander_intact(data)
    await station.close()
    await other.close()


@pytest.mark.parametrize("case", CASES, ids=[case.action for case in CASES])
async def test_a_date_time_out_of_range_in_utc_is_refused_naming_the_field(
    db_node: RunningNode, case: OddCase
) -> None:
    """`9999-12-31T23:59:59-01:00` is year 10000 in UTC: PropertyConstraintViolation naming the
    field, nothing stored, and the fleet view (another station's rows too) still answers."""
    other = await bystander(db_node)
    station = await db_node.booted_station(ODD)
    before = await fleet(db_node)

    for n, sent in enumerate(OUT_OF_RANGE, start=2):
        answer = await station.call(case.action, case.payload(sent, n))

        assert answer[:3] == [4, answer[1], "PropertyConstraintViolation"], (sent, answer)
        assert answer[4] == {"field": case.field}
        assert case.field in answer[3] and "outside" in answer[3]
    after = await fleet(db_node)
    assert after == before
    assert_bystander_intact(after)
    await station.close()
    await other.close()


INTEGERS = [
    (
        "NotifyEvent",
        "seqNo",
        lambda v: {"generatedAt": NORMAL, "seqNo": v, "eventData": [event_item(NORMAL, 5)]},
    ),
    (
        "NotifyEvent",
        "eventData.0.eventId",
        lambda v: {"generatedAt": NORMAL, "seqNo": 0, "eventData": [event_item(NORMAL, v)]},
    ),
    (
        "StatusNotification",
        "evseId",
        lambda v: {
            "timestamp": NORMAL,
            "connectorStatus": "Occupied",
            "evseId": v,
            "connectorId": 1,
        },
    ),
    (
        "TransactionEvent",
        "seqNo",
        lambda v: {
            **transaction_started(NORMAL, 9),
            "seqNo": v,
        },
    ),
    ("MeterValues", "evseId", lambda v: {"evseId": v, "meterValue": [sample(NORMAL, 1.0)]}),
    (
        "MeterValues",
        "meterValue.0.sampledValue.0.unitOfMeasure.multiplier",
        lambda v: {"evseId": 1, "meterValue": [sample(NORMAL, 1.0, v)]},
    ),
    (
        "NotifyReport",
        "requestId",
        lambda v: {"requestId": v, "generatedAt": NORMAL, "seqNo": 0, "tbc": False},
    ),
    (
        "NotifyMonitoringReport",
        "seqNo",
        lambda v: {"requestId": 1, "seqNo": v, "generatedAt": NORMAL},
    ),
]
"""Integer fields of each handled action, as (action, field, payload around the value)."""


@pytest.mark.parametrize(
    ("action", "field", "payload"), INTEGERS, ids=[f"{a} {f}" for a, f, _ in INTEGERS]
)
async def test_an_integer_beyond_32_bits_is_refused_naming_the_field(
    db_node: RunningNode, action: str, field: str, payload: Any
) -> None:
    """2^31 (over a PostgreSQL integer and a GraphQL Int), 2^63 (over a bigint) and 2^64 - 1
    (the issue's seqNo): PropertyConstraintViolation naming the field, nothing stored."""
    other = await bystander(db_node)
    station = await db_node.booted_station(ODD)
    before = await fleet(db_node)

    for value in (2**31, -(2**31) - 1, 2**63, 2**64 - 1):
        answer = await station.call(action, payload(value))

        assert answer[0] == 4 and answer[2] == "PropertyConstraintViolation", (value, answer)
        assert answer[4] == {"field": field}
    after = await fleet(db_node)
    assert after == before
    assert_bystander_intact(after)
    await station.close()
    await other.close()


async def test_the_largest_32_bit_integers_are_stored_and_read_back(db_node: RunningNode) -> None:
    station = await db_node.booted_station(ODD)
    alert = {"generatedAt": NORMAL, "seqNo": 2**31 - 1, "eventData": [event_item(NORMAL, -(2**31))]}

    assert (await station.call("NotifyEvent", alert))[0] == 3

    alerts = (await fleet(db_node))["stationAlerts"]
    assert [(a["eventId"], a["seqNo"]) for a in alerts] == [(-(2**31), 2**31 - 1)]
    await station.close()


async def test_an_integer_written_with_a_fraction_is_a_type_violation(db_node: RunningNode) -> None:
    station = await db_node.booted_station(ODD)
    before = await fleet(db_node)

    await station.send_raw(
        '[2,"f1","StatusNotification",{"timestamp":"2026-11-24T10:00:00Z",'
        '"connectorStatus":"Occupied","evseId":1.0,"connectorId":1}]'
    )
    answer = await station.answer_to("f1")

    assert answer[2] == "TypeConstraintViolation" and answer[4] == {"field": "evseId"}
    assert await fleet(db_node) == before
    await station.close()


async def test_a_multiplier_beyond_the_samples_table_is_refused_and_a_huge_one_stored(
    db_node: RunningNode,
) -> None:
    """J01: a multiplier is stored as sent up to ±32767; beyond, PropertyConstraintViolation
    naming it. 10^400 Wh is beyond a float: stored as a sample, no energy, no GraphQL error."""
    station = await db_node.booted_station(ODD)

    refused = await station.call(
        "MeterValues", {"evseId": 1, "meterValue": [sample(NORMAL, 1.0, 32768)]}
    )
    huge = await station.call(
        "TransactionEvent",
        {
            **transaction_started(NORMAL, 3),
            "meterValue": [sample(NORMAL, 1.0, 400)],
        },
    )

    assert refused[2] == "PropertyConstraintViolation"
    assert refused[4] == {"field": "meterValue.0.sampledValue.0.unitOfMeasure.multiplier"}
    assert huge[0] == 3, huge
    data = await db_node.graphql.execute(
        "query($id: ID!) { transactions { energyWh } meterSamples(stationId: $id) { multiplier } }",
        {"id": ODD},
    )
    assert data == {
        "data": {"transactions": [{"energyWh": None}], "meterSamples": [{"multiplier": 400}]}
    }
    await station.close()


@pytest.mark.parametrize(
    ("action", "payload", "field"),
    [
        ("SecurityEventNotification", {"type": "Tamper\u0000", "timestamp": NORMAL}, "type"),
        (
            "BootNotification",
            {"reason": "PowerUp", "chargingStation": {"vendorName": "V\u0000", "model": "M"}},
            "chargingStation.vendorName",
        ),
        (
            "NotifyEvent",
            {
                "generatedAt": NORMAL,
                "seqNo": 0,
                "eventData": [{**event_item(NORMAL, 1), "techInfo": "\u0000"}],
            },
            "eventData.0.techInfo",
        ),
    ],
    ids=["security event type", "boot vendor", "alert techInfo"],
)
async def test_u0000_in_a_string_is_refused_naming_the_field(
    db_node: RunningNode, action: str, payload: dict[str, Any], field: str
) -> None:
    """PostgreSQL text cannot hold U+0000 (it was InternalError there, stored on SQLite): the
    same PropertyConstraintViolation on both, nothing stored."""
    station = await db_node.booted_station(ODD)
    before = await fleet(db_node)

    answer = await station.call(action, payload)

    assert answer[0] == 4 and answer[2] == "PropertyConstraintViolation", answer
    assert answer[4] == {"field": field}
    assert await fleet(db_node) == before
    await station.close()
