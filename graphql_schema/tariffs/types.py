"""GraphQL inputs and types of block I: tariffs with bands and places, a transaction's cost
and its breakdown, and the results of CostUpdated and the fallback-text SetVariables. Money
is the Decimal scalar (a string, exact)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry
from ocpp.v201 import call_result, enums

from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.common.enums import ocpp_enum
from modules.kernel.commands import InvalidCommand
from modules.tariffs import (
    AssignedTariff,
    Assignment,
    Band,
    Prices,
    SessionCost,
    TariffSpec,
    band_of,
    clock,
)

ocpp_enum(
    enums.SetVariableStatusEnumType,
    "SetVariableStatusEnum",
    "The station's answer for one SetVariables item (OCPP SetVariableStatusEnumType).",
)


@strawberry.input(description="A time-of-day band on some weekdays, with its own prices.")
class TariffBandInput:
    """Weekdays (1 = Monday .. 7 = Sunday), start and end ("HH:MM", end up to "24:00") in
    the tariff's time zone; a price left out is the tariff's own."""

    days: list[int]
    start_time: str
    end_time: str
    energy_per_kwh: Decimal | None = None
    time_per_hour: Decimal | None = None
    idle_per_hour: Decimal | None = None

    def band(self, index: int) -> Band:
        """The band; InvalidCommand naming it when it is not one."""
        prices = Prices(self.energy_per_kwh, self.time_per_hour, self.idle_per_hour)
        try:
            return band_of(self.days, self.start_time, self.end_time, prices)
        except ValueError as error:
            raise InvalidCommand(f"input.bands.{index}", str(error)) from error


@strawberry.input(description="A tariff as the operator defines it.")
class TariffInput:
    """Prices per kWh, per charging hour and per idle hour after charging (parking), a
    session fee, minimum and maximum net price, tax rate in percent (added on top), ISO 4217
    currency, IANA time zone of the bands, and the driver-facing text (I01/I06)."""

    name: str
    currency: str
    energy_per_kwh: Decimal | None = None
    time_per_hour: Decimal | None = None
    idle_per_hour: Decimal | None = None
    session_fee: Decimal = Decimal(0)
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    tax_rate_percent: Decimal = Decimal(0)
    time_zone: str = "UTC"
    bands: list[TariffBandInput] = strawberry.field(default_factory=list)
    text: str | None = strawberry.field(
        default=None, description="Sent as the driver's personal message (at most 512)."
    )
    language: str | None = None

    def spec(self) -> TariffSpec:
        """The tariff definition (checked by the block)."""
        return TariffSpec(
            name=self.name,
            currency=self.currency,
            prices=Prices(self.energy_per_kwh, self.time_per_hour, self.idle_per_hour),
            session_fee=self.session_fee,
            min_price=self.min_price,
            max_price=self.max_price,
            tax_rate_percent=self.tax_rate_percent,
            time_zone=self.time_zone,
            bands=tuple(band.band(index) for index, band in enumerate(self.bands)),
            text=self.text,
            language=self.language,
        )


@strawberry.type(name="TariffBand", description="A time-of-day band of a tariff.")
class TariffBandType:
    """Weekdays, start and end ("HH:MM"), and the band's own prices (null: the tariff's)."""

    days: list[int]
    start_time: str
    end_time: str
    energy_per_kwh: Decimal | None
    time_per_hour: Decimal | None
    idle_per_hour: Decimal | None

    @classmethod
    def of(cls, band: Band) -> TariffBandType:
        """Build from the block's band."""
        return cls(
            days=sorted(band.days),
            start_time=clock(band.start_minute),
            end_time=clock(band.end_minute),
            energy_per_kwh=band.prices.energy_per_kwh,
            time_per_hour=band.prices.time_per_hour,
            idle_per_hour=band.prices.idle_per_hour,
        )


@strawberry.type(
    name="TariffPlace",
    description="Where a tariff applies: an id token or group id token (idToken), an EVSE "
    "(stationId and evseId), a station (stationId), or everywhere (all null: the default).",
)
class TariffPlaceType:
    """One assignment's place."""

    station_id: str | None
    evse_id: int | None
    id_token: str | None

    @classmethod
    def of(cls, place: Assignment) -> TariffPlaceType:
        """Build from the block's assignment."""
        return cls(station_id=place.station_id, evse_id=place.evse_id, id_token=place.id_token)


@strawberry.type(name="Tariff", description="A tariff (block I) and where it applies.")
class TariffType:
    """A stored tariff; `revision` grows at every update."""

    id: int
    revision: int
    updated_at: datetime
    name: str
    currency: str
    energy_per_kwh: Decimal | None
    time_per_hour: Decimal | None
    idle_per_hour: Decimal | None
    session_fee: Decimal
    min_price: Decimal | None
    max_price: Decimal | None
    tax_rate_percent: Decimal
    time_zone: str
    bands: list[TariffBandType]
    text: str | None
    language: str | None
    places: list[TariffPlaceType]

    @classmethod
    def of(cls, found: AssignedTariff) -> TariffType:
        """Build from the block's tariff and its places."""
        tariff, spec = found.tariff, found.tariff.spec
        return cls(
            id=tariff.id,
            revision=tariff.revision,
            updated_at=tariff.updated_at,
            name=spec.name,
            currency=spec.currency,
            energy_per_kwh=spec.prices.energy_per_kwh,
            time_per_hour=spec.prices.time_per_hour,
            idle_per_hour=spec.prices.idle_per_hour,
            session_fee=spec.session_fee,
            min_price=spec.min_price,
            max_price=spec.max_price,
            tax_rate_percent=spec.tax_rate_percent,
            time_zone=spec.time_zone,
            bands=[TariffBandType.of(band) for band in spec.bands],
            text=spec.text,
            language=spec.language,
            places=[TariffPlaceType.of(place) for place in found.places],
        )


@strawberry.type(
    name="TransactionCost",
    description="A transaction's cost (I02/I03): running until it ends, then final.",
)
class TransactionCostType:
    """The cost and its breakdown: energy, charging time and idle time parts (4 places), the
    session fee, subtotal, whether the minimum or maximum price applied, net and tax (2
    places) and total."""

    station_id: str
    transaction_id: str
    tariff_id: int
    tariff_revision: int
    final: bool
    started_at: datetime | None
    ended_at: datetime | None
    updated_at: datetime
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

    @classmethod
    def of(cls, cost: SessionCost) -> TransactionCostType:
        """Build from the block's stored cost."""
        b = cost.breakdown
        return cls(
            station_id=cost.station_id,
            transaction_id=cost.transaction_id,
            tariff_id=cost.tariff_id,
            tariff_revision=cost.tariff_revision,
            final=cost.final,
            started_at=cost.started_at,
            ended_at=cost.ended_at,
            updated_at=cost.updated_at,
            currency=b.currency,
            energy_wh=b.energy_wh,
            charging_seconds=b.charging_seconds,
            idle_seconds=b.idle_seconds,
            energy=b.energy,
            time=b.time,
            idle=b.idle,
            fixed=b.fixed,
            subtotal=b.subtotal,
            minimum_applied=b.minimum_applied,
            maximum_applied=b.maximum_applied,
            net=b.net,
            tax=b.tax,
            total=b.total,
        )


@strawberry.type(name="CostUpdatedResult", description="How a CostUpdated call ended.")
class CostUpdatedResult:
    """The outcome (the station's CostUpdatedResponse carries nothing else)."""

    outcome: CallOutcomeEnum
    error_code: str | None
    error_description: str | None


@strawberry.type(name="FallbackMessageResult", description="The station's answer for one text.")
class FallbackMessageResult:
    """The TariffCostCtrlr variable and the SetVariables status the station gave it."""

    variable: str
    status: enums.SetVariableStatusEnumType

    @classmethod
    def all_of(cls, answer: call_result.SetVariables | None) -> list[FallbackMessageResult]:
        """One per variable the station answered for."""
        if answer is None:
            return []
        return [
            cls(variable=item.variable.name, status=item.attribute_status)
            for item in answer.set_variable_result
        ]


@strawberry.type(
    name="TariffFallbackMessagesResult",
    description="How the SetVariables setting the TariffCostCtrlr fallback texts ended.",
)
class TariffFallbackMessagesResult:
    """The outcome and the station's status for each text."""

    outcome: CallOutcomeEnum
    error_code: str | None
    error_description: str | None
    results: list[FallbackMessageResult]
