"""The plain dataclasses of the tariffs block: a tariff as the operator defines it (prices,
bands, limits, tax, the driver's text), where it is assigned, and a transaction's cost with
its breakdown. Money and energy are `Decimal` throughout."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Prices:
    """Per-kWh energy, per-hour charging time and per-hour idle (parking after charging)
    prices; None is "no price of this kind" (a band's None falls back to the tariff's)."""

    energy_per_kwh: Decimal | None = None
    time_per_hour: Decimal | None = None
    idle_per_hour: Decimal | None = None

    def over(self, base: Prices) -> Prices:
        """These prices, each absent one taken from `base`."""
        return Prices(
            energy_per_kwh=_first(self.energy_per_kwh, base.energy_per_kwh),
            time_per_hour=_first(self.time_per_hour, base.time_per_hour),
            idle_per_hour=_first(self.idle_per_hour, base.idle_per_hour),
        )


def _first(value: Decimal | None, fallback: Decimal | None) -> Decimal | None:
    return value if value is not None else fallback


@dataclass(frozen=True, slots=True)
class Band:
    """A time-of-day band on some weekdays (ISO 1 = Monday .. 7 = Sunday) from `start_minute`
    (0-1439) to `end_minute` (1-1440, exclusive) in the tariff's time zone, with its prices."""

    days: frozenset[int]
    start_minute: int
    end_minute: int
    prices: Prices


@dataclass(frozen=True, slots=True)
class TariffSpec:
    """A tariff as the operator writes it. `text` is the driver-facing tariff text sent as the
    personal message (I01/I06); `tax_rate_percent` is added on top of the net price."""

    name: str
    currency: str
    prices: Prices = field(default_factory=Prices)
    session_fee: Decimal = ZERO
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    tax_rate_percent: Decimal = ZERO
    time_zone: str = "UTC"
    bands: tuple[Band, ...] = ()
    text: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class TariffView:
    """A stored tariff: its id, definition and revision (one more at every update)."""

    id: int
    spec: TariffSpec
    revision: int
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where a tariff applies: an id token (or group id token) value, an EVSE of a station, a
    station, or everywhere (all None: the default)."""

    station_id: str | None = None
    evse_id: int | None = None
    id_token: str | None = None

    @property
    def key(self) -> str:
        """The unique key of this place (one tariff per place)."""
        if self.id_token is not None:
            return f"token:{self.id_token}"
        if self.station_id is None:
            return "default"
        if self.evse_id is None:
            return f"station:{self.station_id}"
        return f"evse:{self.station_id}:{self.evse_id}"


@dataclass(frozen=True, slots=True)
class AssignmentView:
    """An assignment and the tariff it names."""

    tariff_id: int
    assignment: Assignment


@dataclass(frozen=True, slots=True)
class MeterPoint:
    """One moment of a transaction: an energy register reading (Wh) and/or the charging state
    the station reported then."""

    at: datetime
    energy_wh: Decimal | None = None
    charging_state: str | None = None


@dataclass(frozen=True, slots=True)
class CostBreakdown:
    """A cost and how it was reached (`modules/tariffs/pricing.py` documents the rounding)."""

    currency: str
    energy_wh: Decimal
    charging_seconds: Decimal
    idle_seconds: Decimal
    energy: Decimal
    time: Decimal
    idle: Decimal
    fixed: Decimal
    subtotal: Decimal
    minimum_applied: bool
    maximum_applied: bool
    net: Decimal
    tax: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class SessionCost:
    """A transaction's cost as stored: the tariff it was priced with, `told` (the tariff and
    revision, `id:revision`, whose text the station was last sent), the points it was priced
    from, the breakdown, whether the transaction has ended (the cost is final), its EVSE."""

    station_id: str
    transaction_id: str
    tariff_id: int
    tariff_revision: int
    told: str | None
    started_at: datetime | None
    ended_at: datetime | None
    points: tuple[MeterPoint, ...]
    breakdown: CostBreakdown
    final: bool
    updated_at: datetime
    evse_id: int | None = None
