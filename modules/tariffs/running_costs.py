"""I02: the running cost sent as CostUpdated when a station reports a transaction's energy
in MeterValues (outside a TransactionEvent, J01), as TransactionEvent answers carry it when
the readings come in TransactionEvents.

It follows METER_VALUES on one subscription shared by every api node (one node acts on each
event). Per station and EVSE one update runs at a time; readings arriving meanwhile are
skipped (the next TransactionEvent reprices the transaction from its own readings anyway).
The cost is stored in its own unit of work, then CostUpdated is sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ocpp.v201 import call_result

from modules.kernel.commands import send
from modules.kernel.events import Event
from modules.kernel.followers import EventsFollower
from modules.kernel.ports import Bus, CommandSender
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.tariffs.commands import cost_updated
from modules.tariffs.costs import TariffCosts
from modules.transactions import MeterValuesStored, SampledValue

log = logging.getLogger(__name__)

SUBSCRIPTION = "tariff-running-costs"
ENERGY_REGISTER = "Energy.Active.Import.Register"
_UNIT_TO_WH = {"wh": Decimal(1), "kwh": Decimal(1000)}


def readings_of(samples: Iterable[SampledValue]) -> list[tuple[datetime, Decimal]]:
    """The Energy.Active.Import.Register totals at the outlet among `samples`, in Wh (the
    transactions block's rule: no phase, no location or Outlet, unit Wh or kWh)."""
    found: list[tuple[datetime, Decimal]] = []
    for sample in samples:
        factor = _UNIT_TO_WH.get((sample.unit or "Wh").lower())
        if sample.measurand != ENERGY_REGISTER or sample.phase is not None or factor is None:
            continue
        if sample.location not in (None, "Outlet"):
            continue
        try:
            wh = Decimal(repr(sample.value)) * factor * Decimal(10) ** sample.multiplier
            found.append((parse_ocpp_datetime(sample.timestamp), wh))
        except (InvalidOperation, ValueError):
            continue
    return [(at, wh) for at, wh in found if wh.is_finite()]


class RunningCostFollower(EventsFollower):
    """Sends CostUpdated for energy reported in MeterValues during a priced transaction."""

    def __init__(
        self,
        bus: Bus,
        costs: TariffCosts,
        unit_of_work: Callable[[], AbstractAsyncContextManager[Any]],
        sender: CommandSender,
        now: Callable[[], datetime],
    ) -> None:
        super().__init__(bus, SUBSCRIPTION)
        self._costs = costs
        self._unit_of_work = unit_of_work
        self._sender = sender
        self._now = now

    def follow(self, event: Event) -> None:
        """A METER_VALUES of MeterValues on an EVSE starts its update (once at a time)."""
        if not isinstance(event, MeterValuesStored) or event.transaction_id is not None:
            return
        readings = readings_of(event.samples) if event.evse_id > 0 else []
        key = f"{event.station_id}\x1f{event.evse_id}"
        if readings and not self.is_running(key):
            self.run_for(key, self.update(event.station_id, event.evse_id, readings))

    async def update(
        self, station_id: str, evse_id: int, readings: Sequence[tuple[datetime, Decimal]]
    ) -> Decimal | None:
        """Reprice the EVSE's running transaction and send its total; the total sent (None
        when nothing was, failures logged)."""
        try:
            async with self._unit_of_work():
                running = await self._costs.running_on(station_id, evse_id, readings, self._now())
            if running is None:
                return None
            transaction_id, total = running
            request = cost_updated(transaction_id, total)
            await send(self._sender, station_id, request, call_result.CostUpdated)
            return total
        except Exception:
            log.exception("could not send the running cost on %s EVSE %d", station_id, evse_id)
            return None
