"""The operator's tariff writes: create, update and delete tariffs, assign them to places."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from modules.kernel.commands import InvalidCommand
from modules.tariffs import policy
from modules.tariffs.queries import AssignedTariff, TariffQueries
from modules.tariffs.records import Assignment, TariffSpec
from modules.tariffs.store import TariffStore


class TariffAdmin:
    """Tariff writes on the block's store, stamped by `now`."""

    def __init__(self, store: TariffStore, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now
        self._queries = TariffQueries(store)

    async def create(self, spec: TariffSpec) -> AssignedTariff:
        """Store a new tariff; InvalidCommand when it cannot price."""
        view = await self._store.create_tariff(policy.check_tariff(spec), self._now())
        return AssignedTariff(view, ())

    async def update(self, tariff_id: int, spec: TariffSpec) -> AssignedTariff:
        """Replace a tariff's definition; InvalidCommand when it is unknown or invalid."""
        updated = await self._store.update_tariff(tariff_id, policy.check_tariff(spec), self._now())
        found = await self._queries.tariff(tariff_id) if updated is not None else None
        if found is None:
            raise InvalidCommand("id", f"no tariff {tariff_id}")
        return found

    async def delete(self, tariff_id: int) -> bool:
        """Delete a tariff and its assignments; False when there was none."""
        return await self._store.delete_tariff(tariff_id)

    async def assign(self, tariff_id: int, place: Assignment) -> Assignment:
        """Make the tariff the one of `place`; InvalidCommand when it is unknown."""
        if not await self._store.assign(tariff_id, policy.check_assignment(place)):
            raise InvalidCommand("tariffId", f"no tariff {tariff_id}")
        return place

    async def unassign(self, place: Assignment) -> bool:
        """Remove the tariff of `place`; False when it had none."""
        return await self._store.unassign(policy.check_assignment(place))
