"""Tariffs created, read, updated, assigned and deleted through real GraphQL, on SQLite and
PostgreSQL; impossible tariffs and places refused with the argument named."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.nodes import RunningNode
from tests.support.tariffs import CREATE_TARIFF, TARIFF_FIELDS, assign_tariff, create_tariff

TARIFFS = f"query {{ tariffs {{ {TARIFF_FIELDS} }} }}"
ONE = f"query($id: Int!) {{ tariff(id: $id) {{ {TARIFF_FIELDS} }} }}"
UPDATE = f"""
mutation($id: Int!, $input: TariffInput!) {{
  updateTariff(id: $id, input: $input) {{ {TARIFF_FIELDS} }}
}}
"""
DELETE = "mutation($id: Int!) { deleteTariff(id: $id) }"
UNASSIGN = """
mutation($stationId: String, $evseId: Int, $idToken: String) {
  unassignTariff(stationId: $stationId, evseId: $evseId, idToken: $idToken)
}
"""
ASSIGN = """
mutation($tariffId: Int!, $stationId: String, $evseId: Int, $idToken: String) {
  assignTariff(tariffId: $tariffId, stationId: $stationId, evseId: $evseId, idToken: $idToken) {
    stationId
  }
}
"""


async def test_a_tariff_reads_back_as_written_then_changes_and_goes(db_node: RunningNode) -> None:
    created = await create_tariff(
        db_node,
        name="Standard",
        energyPerKwh="0.295",
        minPrice="1",
        maxPrice="75.5",
        timeZone="Europe/Amsterdam",
        bands=[{"days": [6, 7], "startTime": "00:00", "endTime": "24:00", "idlePerHour": "0"}],
    )
    assert created == {
        "id": created["id"],
        "revision": 1,
        "name": "Standard",
        "currency": "EUR",
        "energyPerKwh": "0.295",
        "timePerHour": None,
        "idlePerHour": None,
        "sessionFee": "0.00",
        "minPrice": "1.00",
        "maxPrice": "75.50",
        "taxRatePercent": "0.00",
        "timeZone": "Europe/Amsterdam",
        "text": None,
        "language": None,
        "bands": [
            {
                "days": [6, 7],
                "startTime": "00:00",
                "endTime": "24:00",
                "energyPerKwh": None,
                "timePerHour": None,
                "idlePerHour": "0.00",
            }
        ],
        "places": [],
    }
    await assign_tariff(db_node, created["id"], stationId="CS-ADM-1", evseId=2)
    await assign_tariff(db_node, created["id"])
    read = (await db_node.graphql.data(ONE, {"id": created["id"]}))["tariff"]
    assert read["places"] == [
        {"stationId": None, "evseId": None, "idToken": None},
        {"stationId": "CS-ADM-1", "evseId": 2, "idToken": None},
    ]
    changed = (
        await db_node.graphql.data(
            UPDATE, {"id": created["id"], "input": {"name": "Weekend", "currency": "SEK"}}
        )
    )["updateTariff"]
    assert (changed["revision"], changed["currency"], changed["bands"]) == (2, "SEK", [])
    assert len(changed["places"]) == 2
    unassigned = await db_node.graphql.data(UNASSIGN, {})
    assert unassigned == {"unassignTariff": True}
    assert [t["id"] for t in (await db_node.graphql.data(TARIFFS))["tariffs"]] == [created["id"]]
    assert await db_node.graphql.data(DELETE, {"id": created["id"]}) == {"deleteTariff": True}
    assert await db_node.graphql.data(DELETE, {"id": created["id"]}) == {"deleteTariff": False}
    assert (await db_node.graphql.data(TARIFFS))["tariffs"] == []
    assert (await db_node.graphql.data(ONE, {"id": created["id"]}))["tariff"] is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"currency": "eur"}, "input.currency"),
        ({"name": ""}, "input.name"),
        ({"energyPerKwh": "-0.1"}, "input.energyPerKwh"),
        ({"sessionFee": "0.0000001"}, "input.sessionFee"),
        ({"minPrice": "5", "maxPrice": "4"}, "input.minPrice"),
        ({"taxRatePercent": "101"}, "input.taxRatePercent"),
        ({"timeZone": "Mars/Olympus"}, "input.timeZone"),
        ({"text": "x" * 513}, "input.text"),
        ({"bands": [{"days": [1], "startTime": "22:00", "endTime": "06:00"}]}, "input.bands.0"),
        ({"bands": [{"days": [0], "startTime": "06:00", "endTime": "22:00"}]}, "input.bands.0"),
    ],
)
async def test_an_impossible_tariff_is_refused_naming_the_field(
    db_node: RunningNode, fields: dict[str, Any], field: str
) -> None:
    variables = {"input": {"name": "T", "currency": "EUR", **fields}}
    body = await db_node.graphql.execute(CREATE_TARIFF, variables)
    (error,) = body["errors"]
    assert error["extensions"]["field"] == field, error


@pytest.mark.parametrize(
    ("place", "field"),
    [
        ({"tariffId": 999}, "tariffId"),
        ({"evseId": 1}, "evseId"),
        ({"stationId": "CS-1", "evseId": 0}, "evseId"),
        ({"stationId": "CS-1", "idToken": "T"}, "idToken"),
    ],
)
async def test_an_impossible_assignment_is_refused_naming_the_field(
    db_node: RunningNode, place: dict[str, Any], field: str
) -> None:
    tariff = await create_tariff(db_node, name="T")
    body = await db_node.graphql.execute(ASSIGN, {"tariffId": tariff["id"], **place})
    (error,) = body["errors"]
    assert error["extensions"]["field"] == field, error
    update = await db_node.graphql.execute(
        UPDATE, {"id": 999, "input": {"name": "T", "currency": "EUR"}}
    )
    assert update["errors"][0]["extensions"]["field"] == "id"
