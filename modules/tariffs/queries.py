"""The reads GraphQL uses: tariffs with their assignments, and a transaction's cost."""

from __future__ import annotations

from dataclasses import dataclass

from modules.kernel.services import OnStore
from modules.tariffs.records import Assignment, SessionCost, TariffView
from modules.tariffs.store import TariffStore


@dataclass(frozen=True, slots=True)
class AssignedTariff:
    """A tariff and the places it is assigned to."""

    tariff: TariffView
    places: tuple[Assignment, ...]


class TariffQueries(OnStore[TariffStore]):
    """Tariff and cost reads."""

    async def tariffs(self) -> list[AssignedTariff]:
        """Every tariff, by id, with its places."""
        assignments = await self._store.assignments()
        return [
            AssignedTariff(
                tariff,
                tuple(a.assignment for a in assignments if a.tariff_id == tariff.id),
            )
            for tariff in await self._store.tariffs()
        ]

    async def tariff(self, tariff_id: int) -> AssignedTariff | None:
        """One tariff with its places."""
        tariff = await self._store.tariff(tariff_id)
        if tariff is None:
            return None
        assignments = await self._store.assignments()
        places = tuple(a.assignment for a in assignments if a.tariff_id == tariff_id)
        return AssignedTariff(tariff, places)

    async def transaction_cost(self, station_id: str, transaction_id: str) -> SessionCost | None:
        """A transaction's cost and breakdown (running, or final once it ended)."""
        return await self._store.session_cost(station_id, transaction_id)
