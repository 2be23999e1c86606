"""Tariff reads (block I): the tariffs with their places, and a transaction's cost."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import query
from graphql_schema.tariffs.types import TariffType, TransactionCostType
from modules.tariffs import TariffQueries


@strawberry.type
class TariffsQuery:
    """Block I: tariffs and costs."""

    @query("Every tariff, by id, with the places it is assigned to.")
    async def tariffs(self, tariffs: TariffQueries) -> list[TariffType]:
        """All tariffs."""
        return [TariffType.of(found) for found in await tariffs.tariffs()]

    @query("One tariff, null when there is none with this id.")
    async def tariff(self, tariffs: TariffQueries, id: int) -> TariffType | None:
        """One tariff."""
        found = await tariffs.tariff(id)
        return TariffType.of(found) if found is not None else None

    @query(
        "I02/I03: a transaction's cost and its breakdown, running until the transaction "
        "ends, then final; null when no tariff applied to it."
    )
    async def transaction_cost(
        self, tariffs: TariffQueries, station_id: strawberry.ID, transaction_id: str
    ) -> TransactionCostType | None:
        """A transaction's stored cost."""
        cost = await tariffs.transaction_cost(str(station_id), transaction_id)
        return TransactionCostType.of(cost) if cost is not None else None
