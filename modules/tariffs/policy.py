"""Pure rules of the tariffs block: what a valid tariff and assignment are, which tariff a
transaction or a driver gets (id token > group id token > EVSE > station > default), when a
TransactionEventResponse carries the running or final cost, and how many meter points a
transaction keeps."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from modules.kernel.commands import InvalidCommand
from modules.tariffs.records import Assignment, CostBreakdown, MeterPoint, Prices, TariffSpec

MAX_NAME = 100
MAX_TEXT = 512
"""A MessageContentType's content holds at most 512 characters."""
MAX_BANDS = 48
MAX_AMOUNT = Decimal("1000000")
MAX_POINTS = 1000
"""The meter points a transaction's cost keeps; beyond, every other point inside a stretch of
unchanged charging state is dropped (the register is read linearly between points anyway)."""
MAX_ID_TOKEN = 36
MAX_STATION_ID = 48
STARTED, UPDATED, ENDED = "Started", "Updated", "Ended"


def _amount(field: str, value: Decimal | None) -> None:
    if value is None:
        return
    if not value.is_finite() or value < 0 or value > MAX_AMOUNT:
        raise InvalidCommand(field, f"must be between 0 and {MAX_AMOUNT}")
    if value.as_tuple().exponent < -6:  # type: ignore[operator]
        raise InvalidCommand(field, "must have at most 6 decimal places")


def _prices(field: str, prices: Prices) -> None:
    _amount(f"{field}.energyPerKwh", prices.energy_per_kwh)
    _amount(f"{field}.timePerHour", prices.time_per_hour)
    _amount(f"{field}.idlePerHour", prices.idle_per_hour)


def check_tariff(spec: TariffSpec) -> TariffSpec:
    """`spec` when it is a tariff the CSMS can price with; InvalidCommand naming the field
    otherwise."""
    if not spec.name.strip() or len(spec.name) > MAX_NAME:
        raise InvalidCommand("input.name", f"must be 1 to {MAX_NAME} characters")
    if len(spec.currency) != 3 or not spec.currency.isascii() or not spec.currency.isupper():
        raise InvalidCommand("input.currency", "must be an ISO 4217 code (3 capital letters)")
    _prices("input", spec.prices)
    _amount("input.sessionFee", spec.session_fee)
    _amount("input.minPrice", spec.min_price)
    _amount("input.maxPrice", spec.max_price)
    low, high = spec.min_price, spec.max_price
    if low is not None and high is not None and low > high:
        raise InvalidCommand("input.minPrice", "must not exceed maxPrice")
    _amount("input.taxRatePercent", spec.tax_rate_percent)
    if spec.tax_rate_percent > 100:
        raise InvalidCommand("input.taxRatePercent", "must be between 0 and 100")
    try:
        ZoneInfo(spec.time_zone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise InvalidCommand("input.timeZone", "is not an IANA time zone") from error
    if len(spec.bands) > MAX_BANDS:
        raise InvalidCommand("input.bands", f"at most {MAX_BANDS} bands")
    for index, band in enumerate(spec.bands):
        _prices(f"input.bands.{index}", band.prices)
    if spec.text is not None and not 0 < len(spec.text) <= MAX_TEXT:
        raise InvalidCommand("input.text", f"must be 1 to {MAX_TEXT} characters")
    if spec.language is not None and not 0 < len(spec.language) <= 8:
        raise InvalidCommand("input.language", "must be 1 to 8 characters")
    return spec


def check_assignment(place: Assignment) -> Assignment:
    """`place` when it names one place: an id token alone, a station (and EVSE), or nothing."""
    if place.id_token is not None:
        if place.station_id is not None or place.evse_id is not None:
            raise InvalidCommand("idToken", "an id token assignment names no station or EVSE")
        if not 0 < len(place.id_token) <= MAX_ID_TOKEN:
            raise InvalidCommand("idToken", f"must be 1 to {MAX_ID_TOKEN} characters")
    if place.evse_id is not None:
        if place.station_id is None:
            raise InvalidCommand("evseId", "needs stationId")
        if place.evse_id <= 0:
            raise InvalidCommand("evseId", "must be > 0")
    if place.station_id is not None and not 0 < len(place.station_id) <= MAX_STATION_ID:
        raise InvalidCommand("stationId", f"must be 1 to {MAX_STATION_ID} characters")
    return place


@dataclass(frozen=True, slots=True)
class Driver:
    """What selects a tariff: the station, EVSE, id token and group id token (any absent)."""

    station_id: str
    evse_id: int | None = None
    id_token: str | None = None
    group_id_token: str | None = None

    def places(self) -> list[Assignment]:
        """The places whose tariff applies, best first."""
        places = [Assignment(id_token=t) for t in (self.id_token, self.group_id_token) if t]
        if self.evse_id is not None:
            places.append(Assignment(station_id=self.station_id, evse_id=self.evse_id))
        places += [Assignment(station_id=self.station_id), Assignment()]
        return places


def choose(driver: Driver, assigned: Iterable[tuple[Assignment, int]]) -> int | None:
    """The tariff id assigned to the best place of `driver`, None when no place has one."""
    by_key = {place.key: tariff_id for place, tariff_id in assigned}
    for place in driver.places():
        if place.key in by_key:
            return by_key[place.key]
    return None


def shows_tariff_text(reported: dict[str, str]) -> bool:
    """I01.FR.02: whether a station shows tariff texts, from what it reported (variable name
    to Actual value, lower-cased): its TariffCostCtrlr Available and Enabled (instance
    Tariff) not false, or its DisplayMessageCtrlr Available true. A station that reported
    none of them is taken to show them."""
    tariff = all(reported.get(name) != "false" for name in ("tariffavailable", "tariffenabled"))
    return tariff or reported.get("displayavailable") == "true"


MAX_STORED = Decimal(10) ** 12
"""Amounts, seconds and Wh the cost columns hold (NUMERIC(18, 6) and (24, 6)) stay below this."""


def storable(breakdown: CostBreakdown) -> bool:
    """Whether a cost fits its columns (a meter reporting absurd values gives one that does
    not: the transaction is then left unpriced rather than its event refused)."""
    amounts = (
        breakdown.energy,
        breakdown.time,
        breakdown.idle,
        breakdown.subtotal,
        breakdown.net,
        breakdown.tax,
        breakdown.total,
    )
    quantities = (breakdown.energy_wh, breakdown.charging_seconds, breakdown.idle_seconds)
    return all(abs(a) < MAX_STORED for a in amounts) and all(
        abs(q) < MAX_STORED * 1000 for q in quantities
    )


def reports_cost(event_type: str, has_reading: bool) -> bool:
    """I02/I03: the final cost on Ended (I03.FR.02); the running cost on an Updated event
    that brings an energy reading (I02.FR.01), never on Started."""
    return event_type == ENDED or (event_type == UPDATED and has_reading)


def merged_points(
    kept: Sequence[MeterPoint], new: Sequence[MeterPoint], limit: int = MAX_POINTS
) -> tuple[MeterPoint, ...]:
    """`kept` and `new` in time order (a point at a kept moment completes it), thinned to
    `limit`."""
    by_time = {point.at: point for point in kept}
    for point in new:
        old = by_time.get(point.at)
        if old is None:
            by_time[point.at] = point
        else:
            by_time[point.at] = replace(
                old,
                energy_wh=point.energy_wh if point.energy_wh is not None else old.energy_wh,
                charging_state=point.charging_state or old.charging_state,
            )
    ordered = [by_time[at] for at in sorted(by_time)]
    while len(ordered) > limit:
        thinned = _thin(ordered)
        if len(thinned) == len(ordered):
            return tuple(ordered[:1] + ordered[len(ordered) - limit + 1 :])
        ordered = thinned
    return tuple(ordered)


def _thin(points: list[MeterPoint]) -> list[MeterPoint]:
    """Every other point that changes no charging state, the first and last kept."""
    kept = [points[0]]
    state = points[0].charging_state
    drop = True
    for point in points[1:-1]:
        unchanged = point.charging_state is None or point.charging_state == state
        state = point.charging_state or state
        if unchanged and drop:
            drop = False
            continue
        drop = True
        kept.append(point)
    kept.append(points[-1])
    return kept
