"""The tariffs store's in-memory twin, for handler and service tests; the contract tests run
the same cases on it and on the SQL store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from modules.tariffs.records import (
    Assignment,
    AssignmentView,
    SessionCost,
    TariffSpec,
    TariffView,
)


class MemoryTariffStore:
    """Tariffs, assignments and costs in dictionaries."""

    def __init__(self) -> None:
        self._tariffs: dict[int, TariffView] = {}
        self._places: dict[str, tuple[Assignment, int]] = {}
        self._costs: dict[tuple[str, str], SessionCost] = {}
        self._next_id = 1
        self._support: dict[str, dict[str, str]] = {}

    def report_support(self, station_id: str, name: str, value: str) -> None:
        """Keep a support variable as the device model would (`store.SUPPORT_KEYS` names)."""
        self._support.setdefault(station_id, {})[name] = value.lower()

    async def tariff_support(self, station_id: str) -> dict[str, str]:
        """The station's reported support variables."""
        return dict(self._support.get(station_id, {}))

    async def has_tariffs(self) -> bool:
        """Whether any tariff exists."""
        return bool(self._tariffs)

    async def create_tariff(self, spec: TariffSpec, now: datetime) -> TariffView:
        """Store a new tariff (revision 1)."""
        view = TariffView(id=self._next_id, spec=spec, revision=1, updated_at=now)
        self._tariffs[view.id] = view
        self._next_id += 1
        return view

    async def update_tariff(
        self, tariff_id: int, spec: TariffSpec, now: datetime
    ) -> TariffView | None:
        """Replace a tariff's definition (its revision grows)."""
        old = self._tariffs.get(tariff_id)
        if old is None:
            return None
        view = replace(old, spec=spec, revision=old.revision + 1, updated_at=now)
        self._tariffs[tariff_id] = view
        return view

    async def delete_tariff(self, tariff_id: int) -> bool:
        """Delete a tariff and its assignments."""
        if self._tariffs.pop(tariff_id, None) is None:
            return False
        self._places = {k: v for k, v in self._places.items() if v[1] != tariff_id}
        return True

    async def tariffs(self) -> list[TariffView]:
        """Every tariff, by id."""
        return [self._tariffs[key] for key in sorted(self._tariffs)]

    async def tariff(self, tariff_id: int) -> TariffView | None:
        """One tariff."""
        return self._tariffs.get(tariff_id)

    async def assign(self, tariff_id: int, place: Assignment) -> bool:
        """Make the tariff the one of `place`."""
        if tariff_id not in self._tariffs:
            return False
        self._places[place.key] = (place, tariff_id)
        return True

    async def unassign(self, place: Assignment) -> bool:
        """Remove the tariff of `place`."""
        return self._places.pop(place.key, None) is not None

    async def assignments(self) -> list[AssignmentView]:
        """Every assignment, by tariff then place."""
        ordered = sorted(self._places.items(), key=lambda item: (item[1][1], item[0]))
        return [AssignmentView(tariff_id=t, assignment=place) for _, (place, t) in ordered]

    async def assigned(self, places: Sequence[Assignment]) -> list[tuple[Assignment, int]]:
        """The tariff id of each of `places` that has one."""
        return [self._places[p.key] for p in places if p.key in self._places]

    async def session_cost(
        self, station_id: str, transaction_id: str, lock: bool = False
    ) -> SessionCost | None:
        """A transaction's stored cost."""
        return self._costs.get((station_id, transaction_id))

    async def open_cost_on(self, station_id: str, evse_id: int) -> SessionCost | None:
        """The running transaction's cost on the station's EVSE."""
        running = [
            cost
            for cost in self._costs.values()
            if (cost.station_id, cost.evse_id, cost.final) == (station_id, evse_id, False)
        ]
        return max(running, key=lambda cost: cost.updated_at, default=None)

    async def save_session_cost(self, cost: SessionCost) -> None:
        """Create or replace a transaction's cost."""
        self._costs[(cost.station_id, cost.transaction_id)] = cost
