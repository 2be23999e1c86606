"""Tariff operations through GraphQL for integration tests."""

from __future__ import annotations

from typing import Any

from tests.support.nodes import RunningNode

TARIFF_FIELDS = """
id revision name currency energyPerKwh timePerHour idlePerHour sessionFee minPrice maxPrice
taxRatePercent timeZone text language
bands { days startTime endTime energyPerKwh timePerHour idlePerHour }
places { stationId evseId idToken }
"""
CREATE_TARIFF = f"""
mutation($input: TariffInput!) {{ createTariff(input: $input) {{ {TARIFF_FIELDS} }} }}
"""
ASSIGN_TARIFF = """
mutation($tariffId: Int!, $stationId: String, $evseId: Int, $idToken: String) {
  assignTariff(tariffId: $tariffId, stationId: $stationId, evseId: $evseId, idToken: $idToken) {
    stationId evseId idToken
  }
}
"""
COST_FIELDS = """
stationId transactionId tariffId tariffRevision final currency energyWh chargingSeconds
idleSeconds energy time idle fixed subtotal minimumApplied maximumApplied net tax total
"""
TRANSACTION_COST = f"""
query($stationId: ID!, $transactionId: String!) {{
  transactionCost(stationId: $stationId, transactionId: $transactionId) {{ {COST_FIELDS} }}
}}
"""


async def create_tariff(node: RunningNode, **fields: Any) -> dict[str, Any]:
    """Create a tariff (currency EUR unless given); returns it as GraphQL reads it."""
    data = await node.graphql.data(CREATE_TARIFF, {"input": {"currency": "EUR", **fields}})
    tariff: dict[str, Any] = data["createTariff"]
    return tariff


async def assign_tariff(node: RunningNode, tariff_id: int, **place: Any) -> None:
    """Assign a tariff to a place (stationId, evseId, idToken; none: the default)."""
    await node.graphql.data(ASSIGN_TARIFF, {"tariffId": tariff_id, **place})


async def transaction_cost(
    node: RunningNode, station_id: str, transaction_id: str
) -> dict[str, Any] | None:
    """The transaction's cost as GraphQL reads it."""
    data = await node.graphql.data(
        TRANSACTION_COST, {"stationId": station_id, "transactionId": transaction_id}
    )
    cost: dict[str, Any] | None = data["transactionCost"]
    return cost
