"""Sampled values (block J) as typed samples, energy readings and event summaries.

Input is the schema-valid camelCase `meterValue` array of a MeterValues or TransactionEvent
request. The measurand defaults to Energy.Active.Import.Register when absent (Part 2,
SampledValueType); context, phase, location and unit are kept as sent (absent stays null),
the multiplier defaults to 0. A multiplier (a power of ten) outside -32768..32767, what the
samples table keeps, is refused with PropertyConstraintViolation naming the field.

A sample's natural key is its station, EVSE, time and `content_key`: a 64-bit digest of all
else it says and where it came from. The database holds each key once, so a MeterValues (or
TransactionEvent) the station resends, on a new connection or to another node, stores nothing
new. Migration 0017 computes the same digest for the rows stored before it: keep the two equal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from hashlib import blake2b
from typing import Any

import orjson

from modules.kernel.errors import PropertyConstraintViolation
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.transactions.energy import ENERGY_REGISTER, EnergyReading, energy_reading
from modules.transactions.events import SampledValue
from modules.transactions.records import SampledReading

SOURCE_METER_VALUES = "MeterValues"
SOURCE_TRANSACTION_EVENT = "TransactionEvent"
MULTIPLIERS = range(-(2**15), 2**15)
"""The multipliers a sample keeps (a power of ten; no meter needs more than a few)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Sample(SampledReading):
    """One SampledValue received, with its MeterValue's `timestamp` as sent."""

    timestamp: str

    def energy(self) -> EnergyReading | None:
        """This sample as an Energy.Active.Import.Register reading in Wh, if it is one."""
        return energy_reading(
            self.sampled_at,
            self.value,
            self.measurand,
            self.phase,
            self.location,
            self.context,
            self.unit,
            self.multiplier,
        )

    def summary(self) -> SampledValue:
        """The sample as a METER_VALUES event carries it."""
        return SampledValue(
            timestamp=self.timestamp,
            measurand=self.measurand,
            phase=self.phase,
            location=self.location,
            context=self.context,
            unit=self.unit,
            multiplier=self.multiplier,
            value=self.value,
            signed=self.signed_data is not None,
        )

    def key(self, source: str) -> int:
        """The sample's `content_key` when it came from `source`."""
        return content_key(
            source,
            self.measurand,
            self.phase,
            self.location,
            self.context,
            self.unit,
            self.multiplier,
            self.value,
            self.signed_data,
        )


def content_key(
    source: str,
    measurand: str,
    phase: str | None,
    location: str | None,
    context: str | None,
    unit: str | None,
    multiplier: int,
    value: float,
    signed_data: Mapping[str, Any] | None,
) -> int:
    """A signed 64-bit digest of what a sample says besides its station, EVSE and time."""
    content = [source, measurand, phase, location, context, unit, multiplier, value, signed_data]
    digest = blake2b(orjson.dumps(content, option=orjson.OPT_SORT_KEYS), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


def samples_of(meter_values: Sequence[Mapping[str, Any]] | None) -> list[Sample]:
    """Every sampled value of a `meterValue` array, in the order sent."""
    samples: list[Sample] = []
    for index, meter_value in enumerate(meter_values or ()):
        timestamp = str(meter_value["timestamp"])
        sampled_at = parse_ocpp_datetime(timestamp)
        for position, sampled in enumerate(meter_value["sampledValue"]):
            unit_of_measure: Mapping[str, Any] = sampled.get("unitOfMeasure") or {}
            multiplier = int(unit_of_measure.get("multiplier", 0))
            if multiplier not in MULTIPLIERS:
                field = f"meterValue.{index}.sampledValue.{position}.unitOfMeasure.multiplier"
                raise PropertyConstraintViolation(
                    f"{field}: {multiplier} is outside {MULTIPLIERS.start}..{MULTIPLIERS.stop - 1}",
                    {"field": field},
                )
            signed = sampled.get("signedMeterValue")
            samples.append(
                Sample(
                    sampled_at=sampled_at,
                    timestamp=timestamp,
                    value=float(sampled["value"]),
                    measurand=sampled.get("measurand") or ENERGY_REGISTER,
                    phase=sampled.get("phase"),
                    location=sampled.get("location"),
                    context=sampled.get("context"),
                    unit=unit_of_measure.get("unit"),
                    multiplier=multiplier,
                    signed_data=dict(signed) if signed else None,
                )
            )
    return samples
