"""The tariff and cost answers other blocks put in their responses, filled in by the
composition root: the running and final `totalCost` and the driver's tariff text of a
TransactionEventResponse (I02, I03, I06), and the tariff text of an AuthorizeResponse (I01).

A transaction's cost is priced in the unit of work of its TransactionEvent and stored there,
so the station is told only a cost that is stored. Without any tariff nothing is read.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from modules.kernel.services import OnStore
from modules.tariffs import policy, pricing
from modules.tariffs.records import MeterPoint, SessionCost, TariffView
from modules.tariffs.store import TariffStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DriverText:
    """A tariff's driver-facing text and its language."""

    content: str
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """What a TransactionEventResponse carries: the cost to report (None: none this time) and
    the tariff text to show (None: nothing new)."""

    total_cost: Decimal | None
    message: DriverText | None


def _text(tariff: TariffView) -> DriverText | None:
    text = tariff.spec.text
    return DriverText(text, tariff.spec.language) if text is not None else None


class TariffCosts(OnStore[TariffStore]):
    """Tariff selection and pricing for Authorize and TransactionEvent answers."""

    async def tariff_for(self, driver: policy.Driver) -> TariffView | None:
        """The tariff of the best place of `driver` (id token > group > EVSE > station >
        default), None when there is none."""
        if not await self._store.has_tariffs():
            return None
        chosen = policy.choose(driver, await self._store.assigned(driver.places()))
        return await self._store.tariff(chosen) if chosen is not None else None

    async def text_for(
        self, station_id: str, id_token: str, group_id_token: str | None
    ) -> DriverText | None:
        """I01.FR.01: the tariff text for a driver presenting `id_token` at `station_id`."""
        tariff = await self.tariff_for(policy.Driver(station_id, None, id_token, group_id_token))
        text = _text(tariff) if tariff is not None else None
        return text if text is not None and await self._shown(station_id) else None

    async def _shown(self, station_id: str) -> bool:
        """I01.FR.02: whether the station shows tariff texts."""
        return policy.shows_tariff_text(await self._store.tariff_support(station_id))

    async def quote(
        self,
        *,
        station_id: str,
        transaction_id: str,
        event_type: str,
        timestamp: datetime,
        evse_id: int | None,
        id_token: str | None,
        group_id_token: str | None,
        charging_state: str | None,
        readings: Sequence[tuple[datetime, float]],
        started_at: datetime | None,
        ended_at: datetime | None,
        now: datetime,
    ) -> Quote | None:
        """Price the transaction with this event's readings and charging state added, store
        the cost, and say what the response carries (None: the transaction has no tariff)."""
        driver = policy.Driver(station_id, evse_id, id_token, group_id_token)
        tariff = await self.tariff_for(driver)
        if tariff is None:
            return None
        kept = await self._store.session_cost(station_id, transaction_id, lock=True)
        new = [MeterPoint(at=at, energy_wh=Decimal(repr(wh))) for at, wh in readings]
        if charging_state is not None:
            new.append(MeterPoint(at=timestamp, charging_state=charging_state))
        points = policy.merged_points(kept.points if kept is not None else (), new)
        breakdown = pricing.price(tariff.spec, points, started_at, ended_at)
        if not policy.storable(breakdown):
            log.warning("transaction %s: its cost is beyond what is stored", transaction_id)
            return None
        revision = f"{tariff.id}:{tariff.revision}"
        told = kept.told if kept is not None else None
        new_text = event_type != policy.ENDED and told != revision
        message = _text(tariff) if new_text else None
        if message is not None and not await self._shown(station_id):
            message = None
        await self._store.save_session_cost(
            SessionCost(
                station_id=station_id,
                transaction_id=transaction_id,
                tariff_id=tariff.id,
                tariff_revision=tariff.revision,
                told=revision if new_text else told,
                started_at=started_at,
                ended_at=ended_at,
                points=points,
                breakdown=breakdown,
                final=ended_at is not None,
                updated_at=now,
                evse_id=evse_id,
            )
        )
        report = policy.reports_cost(event_type, bool(readings))
        return Quote(total_cost=breakdown.total if report else None, message=message)

    async def running_on(
        self,
        station_id: str,
        evse_id: int,
        readings: Sequence[tuple[datetime, Decimal]],
        now: datetime,
    ) -> tuple[str, Decimal] | None:
        """I02: add energy readings sent outside a TransactionEvent (MeterValues) to the
        transaction running on the EVSE, reprice it with its tariff and store it; its id and
        running total, None when no priced transaction runs there (or its tariff is gone)."""
        kept = await self._store.open_cost_on(station_id, evse_id)
        if kept is None or not readings:
            return None
        tariff = await self._store.tariff(kept.tariff_id)
        if tariff is None:
            return None
        new = [MeterPoint(at=at, energy_wh=wh) for at, wh in readings]
        points = policy.merged_points(kept.points, new)
        breakdown = pricing.price(tariff.spec, points, kept.started_at, kept.ended_at)
        if not policy.storable(breakdown):
            return None
        await self._store.save_session_cost(
            replace(
                kept,
                tariff_revision=tariff.revision,
                points=points,
                breakdown=breakdown,
                updated_at=now,
            )
        )
        return kept.transaction_id, breakdown.total
