"""CostUpdated (I02) and the TariffCostCtrlr fallback texts (I04, I05) over a real websocket
and real GraphQL, on SQLite and PostgreSQL: the CALL sent, the station's answers, an offline
station, a timeout, and the arguments refused before anything is sent."""

from __future__ import annotations

from tests.support.nodes import RunningNode

COST_UPDATED = """
mutation($station: ID!, $tx: String!, $total: Decimal!, $timeout: Float) {
  costUpdated(stationId: $station, transactionId: $tx, totalCost: $total,
              timeoutSeconds: $timeout) { outcome errorCode errorDescription }
}
"""
FALLBACKS = """
mutation($station: ID!, $tariff: String, $total: String, $timeout: Float) {
  setTariffFallbackMessages(stationId: $station, tariffFallbackMessage: $tariff,
                            totalCostFallbackMessage: $total, timeoutSeconds: $timeout) {
    outcome errorCode results { variable status }
  }
}
"""

VARIABLES = """
query($station: ID!) {
  variables(stationId: $station, component: "TariffCostCtrlr") { variable value }
}
"""


async def test_tc_i_02_csms_cost_updated_is_sent_and_answered(db_node: RunningNode) -> None:
    """I02.FR.01/02: CostUpdatedRequest carries the total and the transaction id."""
    station = await db_node.booted_station("CS-CU-1")
    variables = {"station": "CS-CU-1", "tx": "TX-9", "total": "12.34"}
    call, data = await db_node.run_answered(station, COST_UPDATED, variables, "CostUpdated", {})
    assert call[3] == {"totalCost": 12.34, "transactionId": "TX-9"}
    assert data["costUpdated"] == {"outcome": "RESULT", "errorCode": None, "errorDescription": None}
    assert (await db_node.run_timed_out(station, COST_UPDATED, variables, "CostUpdated"))[
        "outcome"
    ] == "TIMEOUT"
    refused = await db_node.run_refused(station, COST_UPDATED, variables, "CostUpdated")
    assert refused["errorCode"] == "NotSupported"
    offline = await db_node.graphql.data(COST_UPDATED, {**variables, "station": "CS-NONE"})
    assert offline["costUpdated"]["outcome"] == "OFFLINE"


async def test_cost_updated_refuses_a_negative_total(db_node: RunningNode) -> None:
    body = await db_node.graphql.execute(
        COST_UPDATED, {"station": "CS-CU-2", "tx": "TX-1", "total": "-1"}
    )
    (error,) = body["errors"]
    assert error["extensions"]["field"] == "totalCost"


async def test_tc_i_04_05_csms_fallback_texts_are_set_by_set_variables(
    db_node: RunningNode,
) -> None:
    """I04.FR.02, I05.FR.01: one SetVariables with both texts, each answered on its own; the
    accepted one is recorded in the station's device model."""
    station = await db_node.booted_station("CS-FB-1")
    answer = {
        "setVariableResult": [
            {
                "attributeStatus": "Accepted",
                "component": {"name": "TariffCostCtrlr"},
                "variable": {"name": "TariffFallbackMessage"},
            },
            {
                "attributeStatus": "Rejected",
                "component": {"name": "TariffCostCtrlr"},
                "variable": {"name": "TotalCostFallbackMessage"},
            },
        ]
    }
    variables = {"station": "CS-FB-1", "tariff": "0.35 EUR/kWh", "total": "See the app"}
    call, data = await db_node.run_answered(station, FALLBACKS, variables, "SetVariables", answer)
    assert call[3] == {
        "setVariableData": [
            {
                "attributeValue": "0.35 EUR/kWh",
                "component": {"name": "TariffCostCtrlr"},
                "variable": {"name": "TariffFallbackMessage"},
            },
            {
                "attributeValue": "See the app",
                "component": {"name": "TariffCostCtrlr"},
                "variable": {"name": "TotalCostFallbackMessage"},
            },
        ]
    }
    assert data["setTariffFallbackMessages"] == {
        "outcome": "RESULT",
        "errorCode": None,
        "results": [
            {"variable": "TariffFallbackMessage", "status": "Accepted"},
            {"variable": "TotalCostFallbackMessage", "status": "Rejected"},
        ],
    }
    recorded = await db_node.graphql.data(VARIABLES, {"station": "CS-FB-1"})
    assert recorded["variables"] == [{"variable": "TariffFallbackMessage", "value": "0.35 EUR/kWh"}]
    offline = await db_node.graphql.data(FALLBACKS, {**variables, "station": "CS-NONE"})
    assert offline["setTariffFallbackMessages"] == {
        "outcome": "OFFLINE",
        "errorCode": None,
        "results": [],
    }


async def test_fallback_texts_are_at_most_255_characters_and_one_is_needed(
    db_node: RunningNode,
) -> None:
    for variables, field in [
        ({"total": "x" * 256}, "totalCostFallbackMessage"),
        ({}, "tariffFallbackMessage"),
    ]:
        body = await db_node.graphql.execute(FALLBACKS, {"station": "CS-FB-2", **variables})
        (error,) = body["errors"]
        assert error["extensions"]["field"] == field
