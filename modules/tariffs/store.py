"""The tariffs block's storage (the only file of the block that touches the database):
tariffs, their assignments, and each transaction's cost.

Whether any tariff exists is what the TransactionEvent hot path asks first; the SQL store
answers it from memory for `PRESENCE_SECONDS` after it last read it (at once after its own
writes), so a CSMS without tariffs pays no query per event, and a tariff created on another
node is priced with within that time.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from tortoise.exceptions import IntegrityError

from infra.db.models import DeviceAttribute, Tariff, TariffAssignment, TransactionCost
from modules.tariffs.conversions import bands_json, bands_of, points_json, points_of
from modules.tariffs.records import (
    Assignment,
    AssignmentView,
    CostBreakdown,
    Prices,
    SessionCost,
    TariffSpec,
    TariffView,
)

PRESENCE_SECONDS = 10.0
SUPPORT_KEYS = {
    "tariffcostctrlr\x1f\x1f\x1f\x1favailable\x1ftariff": "tariffavailable",
    "tariffcostctrlr\x1f\x1f\x1f\x1fenabled\x1ftariff": "tariffenabled",
    "displaymessagectrlr\x1f\x1f\x1f\x1favailable\x1f": "displayavailable",
}
"""The device model's keys (`modules/device_model/identity.py`: lower-cased component,
instance, EVSE, connector, variable, instance, separated by U+001F) of the variables that say
whether a station shows tariff texts (I01.FR.02), and the names `policy` reads them by."""
CENT = Decimal("0.01")
PART = Decimal("0.0001")


class TariffStore(Protocol):
    """What the tariffs block stores and reads."""

    async def has_tariffs(self) -> bool:
        """Whether any tariff exists (possibly as of `PRESENCE_SECONDS` ago)."""
        ...

    async def create_tariff(self, spec: TariffSpec, now: datetime) -> TariffView:
        """Store a new tariff (revision 1)."""
        ...

    async def update_tariff(
        self, tariff_id: int, spec: TariffSpec, now: datetime
    ) -> TariffView | None:
        """Replace a tariff's definition (its revision grows); None when there is none."""
        ...

    async def delete_tariff(self, tariff_id: int) -> bool:
        """Delete a tariff and its assignments; False when there was none."""
        ...

    async def tariffs(self) -> list[TariffView]:
        """Every tariff, by id."""
        ...

    async def tariff(self, tariff_id: int) -> TariffView | None:
        """One tariff."""
        ...

    async def assign(self, tariff_id: int, place: Assignment) -> bool:
        """Make the tariff the one of `place` (replacing any other); False when the tariff does
        not exist."""
        ...

    async def unassign(self, place: Assignment) -> bool:
        """Remove the tariff of `place`; False when it had none."""
        ...

    async def assignments(self) -> list[AssignmentView]:
        """Every assignment, by tariff then place."""
        ...

    async def assigned(self, places: Sequence[Assignment]) -> list[tuple[Assignment, int]]:
        """The tariff id of each of `places` that has one."""
        ...

    async def session_cost(
        self, station_id: str, transaction_id: str, lock: bool = False
    ) -> SessionCost | None:
        """A transaction's stored cost (its row locked until the end of the unit of work when
        `lock`)."""
        ...

    async def open_cost_on(self, station_id: str, evse_id: int) -> SessionCost | None:
        """The cost of the transaction running on the station's EVSE (not final, the latest
        updated), its row locked until the end of the unit of work."""
        ...

    async def tariff_support(self, station_id: str) -> dict[str, str]:
        """The station's reported TariffCostCtrlr Available/Enabled (Tariff) and
        DisplayMessageCtrlr Available Actual values, lower-cased, by `SUPPORT_KEYS` name."""
        ...

    async def save_session_cost(self, cost: SessionCost) -> None:
        """Create or replace a transaction's cost."""
        ...


def amount(value: Decimal) -> Decimal:
    """An amount as read back: trailing zeros dropped, at least 2 decimal places."""
    tidy = value.normalize()
    exponent = tidy.as_tuple().exponent
    return tidy.quantize(CENT) if isinstance(exponent, int) and exponent > -2 else tidy


def money(value: Decimal | None) -> Decimal | None:
    """An amount or none, as read back (`amount`)."""
    return amount(value) if value is not None else None


def plain(value: Decimal) -> Decimal:
    """A quantity as read back: trailing zeros dropped, never in exponent form."""
    tidy = value.normalize()
    exponent = tidy.as_tuple().exponent
    return tidy.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else tidy


def _spec_columns(spec: TariffSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "currency": spec.currency,
        "energy_per_kwh": spec.prices.energy_per_kwh,
        "time_per_hour": spec.prices.time_per_hour,
        "idle_per_hour": spec.prices.idle_per_hour,
        "session_fee": spec.session_fee,
        "min_price": spec.min_price,
        "max_price": spec.max_price,
        "tax_rate_percent": spec.tax_rate_percent,
        "time_zone": spec.time_zone,
        "bands": bands_json(spec.bands),
        "text": spec.text,
        "language": spec.language,
    }


def _tidy_prices(prices: Prices) -> Prices:
    return Prices(
        money(prices.energy_per_kwh), money(prices.time_per_hour), money(prices.idle_per_hour)
    )


def _view(row: Tariff) -> TariffView:
    bands = tuple(
        band.__class__(band.days, band.start_minute, band.end_minute, _tidy_prices(band.prices))
        for band in bands_of(row.bands)
    )
    spec = TariffSpec(
        name=row.name,
        currency=row.currency,
        prices=_tidy_prices(Prices(row.energy_per_kwh, row.time_per_hour, row.idle_per_hour)),
        session_fee=amount(row.session_fee),
        min_price=money(row.min_price),
        max_price=money(row.max_price),
        tax_rate_percent=amount(row.tax_rate_percent),
        time_zone=row.time_zone,
        bands=bands,
        text=row.text,
        language=row.language,
    )
    return TariffView(id=row.id, spec=spec, revision=row.revision, updated_at=row.updated_at)


def _place(row: TariffAssignment) -> Assignment:
    return Assignment(station_id=row.station_id, evse_id=row.evse_id, id_token=row.id_token)


def _breakdown(row: TransactionCost) -> CostBreakdown:
    return CostBreakdown(
        currency=row.currency,
        energy_wh=row.energy_wh.quantize(PART),
        charging_seconds=plain(row.charging_seconds),
        idle_seconds=plain(row.idle_seconds),
        energy=row.energy.quantize(PART),
        time=row.time.quantize(PART),
        idle=row.idle.quantize(PART),
        fixed=amount(row.fixed),
        subtotal=row.subtotal.quantize(PART),
        minimum_applied=row.minimum_applied,
        maximum_applied=row.maximum_applied,
        net=row.net.quantize(CENT),
        tax=row.tax.quantize(CENT),
        total=row.total.quantize(CENT),
    )


def _cost(row: TransactionCost) -> SessionCost:
    return SessionCost(
        station_id=row.station_id,
        transaction_id=row.transaction_id,
        tariff_id=row.tariff_id,
        tariff_revision=row.tariff_revision,
        told=row.told,
        started_at=row.started_at,
        ended_at=row.ended_at,
        points=points_of(row.points),
        breakdown=_breakdown(row),
        final=row.final,
        updated_at=row.updated_at,
        evse_id=row.evse_id,
    )


class SqlTariffStore:
    """The tariffs store on the database."""

    def __init__(self, presence_seconds: float = PRESENCE_SECONDS) -> None:
        self._presence_seconds = presence_seconds
        self._present: bool | None = None
        self._read_at = 0.0

    async def has_tariffs(self) -> bool:
        """Whether any tariff exists, read at most every `presence_seconds`."""
        clock = time.monotonic()
        if self._present is None or clock - self._read_at >= self._presence_seconds:
            self._present = await Tariff.exists()
            self._read_at = clock
        return self._present

    async def create_tariff(self, spec: TariffSpec, now: datetime) -> TariffView:
        """Store a new tariff (revision 1)."""
        row = await Tariff.create(**_spec_columns(spec), revision=1, updated_at=now)
        self._present = True
        return _view(await Tariff.get(id=row.id))

    async def update_tariff(
        self, tariff_id: int, spec: TariffSpec, now: datetime
    ) -> TariffView | None:
        """Replace a tariff's definition (its revision grows)."""
        row = await Tariff.get_or_none(id=tariff_id)
        if row is None:
            return None
        row.update_from_dict({**_spec_columns(spec), "revision": row.revision + 1})
        row.updated_at = now
        await row.save()
        return _view(await Tariff.get(id=tariff_id))

    async def delete_tariff(self, tariff_id: int) -> bool:
        """Delete a tariff and its assignments."""
        deleted = await Tariff.filter(id=tariff_id).delete()
        self._present = None
        return deleted > 0

    async def tariffs(self) -> list[TariffView]:
        """Every tariff, by id."""
        return [_view(row) for row in await Tariff.all().order_by("id")]

    async def tariff(self, tariff_id: int) -> TariffView | None:
        """One tariff."""
        row = await Tariff.get_or_none(id=tariff_id)
        return _view(row) if row is not None else None

    async def assign(self, tariff_id: int, place: Assignment) -> bool:
        """Make the tariff the one of `place`."""
        if not await Tariff.exists(id=tariff_id):
            return False
        columns: dict[str, Any] = {
            "tariff_id": tariff_id,
            "station_id": place.station_id,
            "evse_id": place.evse_id,
            "id_token": place.id_token,
        }
        updated = await TariffAssignment.filter(place_key=place.key).update(**columns)
        if not updated:
            try:
                await TariffAssignment.create(place_key=place.key, **columns)
            except IntegrityError:
                await TariffAssignment.filter(place_key=place.key).update(**columns)
        return True

    async def unassign(self, place: Assignment) -> bool:
        """Remove the tariff of `place`."""
        return await TariffAssignment.filter(place_key=place.key).delete() > 0

    async def assignments(self) -> list[AssignmentView]:
        """Every assignment, by tariff then place."""
        rows = await TariffAssignment.all().order_by("tariff_id", "place_key")
        return [AssignmentView(tariff_id=row.tariff_id, assignment=_place(row)) for row in rows]  # type: ignore[attr-defined]

    async def assigned(self, places: Sequence[Assignment]) -> list[tuple[Assignment, int]]:
        """The tariff id of each of `places` that has one."""
        rows = await TariffAssignment.filter(place_key__in=[p.key for p in places])
        return [(_place(row), row.tariff_id) for row in rows]  # type: ignore[attr-defined]

    async def session_cost(
        self, station_id: str, transaction_id: str, lock: bool = False
    ) -> SessionCost | None:
        """A transaction's stored cost (its row locked when `lock`)."""
        rows = TransactionCost.filter(station_id=station_id, transaction_id=transaction_id)
        row = await (rows.select_for_update() if lock else rows).first()
        return _cost(row) if row is not None else None

    async def open_cost_on(self, station_id: str, evse_id: int) -> SessionCost | None:
        """The running transaction's cost on the station's EVSE, its row locked."""
        row = (
            await TransactionCost.filter(station_id=station_id, evse_id=evse_id, final=False)
            .order_by("-updated_at", "-id")
            .select_for_update()
            .first()
        )
        return _cost(row) if row is not None else None

    async def tariff_support(self, station_id: str) -> dict[str, str]:
        """The station's reported support variables (Actual values, lower-cased)."""
        rows = await DeviceAttribute.filter(
            variable__station_id=station_id, variable__key__in=list(SUPPORT_KEYS), type="Actual"
        ).values("value", "variable__key")
        return {
            SUPPORT_KEYS[row["variable__key"]]: str(row["value"]).lower()
            for row in rows
            if row["value"] is not None
        }

    async def save_session_cost(self, cost: SessionCost) -> None:
        """Create or replace a transaction's cost."""
        breakdown = cost.breakdown
        columns: dict[str, Any] = {
            "evse_id": cost.evse_id,
            "tariff_id": cost.tariff_id,
            "tariff_revision": cost.tariff_revision,
            "told": cost.told,
            "started_at": cost.started_at,
            "ended_at": cost.ended_at,
            "points": points_json(cost.points),
            "currency": breakdown.currency,
            "energy_wh": breakdown.energy_wh,
            "charging_seconds": breakdown.charging_seconds,
            "idle_seconds": breakdown.idle_seconds,
            "energy": breakdown.energy,
            "time": breakdown.time,
            "idle": breakdown.idle,
            "fixed": breakdown.fixed,
            "subtotal": breakdown.subtotal,
            "minimum_applied": breakdown.minimum_applied,
            "maximum_applied": breakdown.maximum_applied,
            "net": breakdown.net,
            "tax": breakdown.tax,
            "total": breakdown.total,
            "final": cost.final,
            "updated_at": cost.updated_at,
        }
        key: dict[str, Any] = {"station_id": cost.station_id, "transaction_id": cost.transaction_id}
        if not await TransactionCost.filter(**key).update(**columns):
            await TransactionCost.create(**key, **columns)
