"""GraphQL types of charging transactions (block E) and meter samples (block J)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.common.paging import check_page, encode_id_cursor
from graphql_schema.context import Context
from infra.db.models import MeterSample, Transaction, TransactionEventRecord
from modules.transactions.downsample import downsample

CURSOR_KIND = "transactions"
SAMPLES_CURSOR_KIND = "meterSamples"
MAX_POINTS = 100_000


@strawberry.type(name="SignedMeterValue", description="A signed reading (SignedMeterValueType).")
class SignedMeterValueType:
    """The station's signature over a sampled value."""

    signed_meter_data: str
    signing_method: str
    encoding_method: str
    public_key: str


@strawberry.type(name="MeterSample", description="One sampled value (block J), typed.")
class MeterSampleType:
    """A SampledValue with its MeterValue's timestamp; `value` is as sent, in `unit`
    (null: Wh) times 10^`multiplier`."""

    cursor: str = strawberry.field(description="Pass as `after` to read older samples.")
    evse_id: int = strawberry.field(description="0: the station's main meter.")
    transaction_id: str | None
    sampled_at: datetime
    measurand: str
    phase: str | None
    location: str | None
    context: str | None
    unit: str | None
    multiplier: int
    value: float
    signed_meter_value: SignedMeterValueType | None
    source: str = strawberry.field(description="MeterValues or TransactionEvent.")

    @classmethod
    def from_model(cls, row: MeterSample, transaction_id: str | None) -> MeterSampleType:
        """Build from the ORM row."""
        signed = row.signed_data
        return cls(
            cursor=encode_id_cursor(SAMPLES_CURSOR_KIND, row.id),
            evse_id=row.evse_id,
            transaction_id=transaction_id,
            sampled_at=row.sampled_at,
            measurand=row.measurand,
            phase=row.phase,
            location=row.location,
            context=row.context,
            unit=row.unit,
            multiplier=row.multiplier,
            value=row.value,
            signed_meter_value=SignedMeterValueType(
                signed_meter_data=signed["signedMeterData"],
                signing_method=signed["signingMethod"],
                encoding_method=signed["encodingMethod"],
                public_key=signed["publicKey"],
            )
            if signed
            else None,
            source=row.source,
        )


@strawberry.type(name="MeterValue", description="The samples taken at one moment.")
class MeterValueType:
    """A MeterValueType: a timestamp and its sampled values."""

    timestamp: datetime
    sampled_values: list[MeterSampleType]


@strawberry.type(name="TransactionEvent", description="One TransactionEvent as received.")
class TransactionEventType:
    """A stored event, with the reply the station got."""

    seq_no: int
    event_type: str
    trigger_reason: str
    timestamp: datetime = strawberry.field(description="When the station says it happened.")
    offline: bool
    charging_state: str | None
    id_token: str | None
    id_token_type: str | None
    message_id: str
    received_at: datetime
    payload: JSON = strawberry.field(description="The request as sent (camelCase JSON).")
    response: JSON = strawberry.field(description="The reply the CSMS gave.")

    @classmethod
    def from_model(cls, row: TransactionEventRecord) -> TransactionEventType:
        """Build from the ORM row."""
        return cls(
            seq_no=row.seq_no,
            event_type=row.event_type,
            trigger_reason=row.trigger_reason,
            timestamp=row.timestamp,
            offline=row.offline,
            charging_state=row.charging_state,
            id_token=row.id_token,
            id_token_type=row.id_token_type,
            message_id=row.message_id,
            received_at=row.received_at,
            payload=cast(JSON, row.payload),
            response=cast(JSON, row.response),
        )


async def _load_events(keys: Sequence[int]) -> list[list[TransactionEventRecord]]:
    rows = await TransactionEventRecord.filter(transaction_id__in=list(keys)).order_by(
        "transaction_id", "seq_no"
    )
    grouped: dict[int, list[TransactionEventRecord]] = {key: [] for key in keys}
    for row in rows:
        grouped[row.transaction_id].append(row)  # type: ignore[attr-defined]
    return [grouped[key] for key in keys]


SampleKey = tuple[int, str | None]


async def _load_samples(keys: Sequence[SampleKey]) -> list[list[MeterSample]]:
    """One query per distinct measurand asked (None: every measurand)."""
    grouped: dict[SampleKey, list[MeterSample]] = {key: [] for key in keys}
    for measurand in {measurand for _, measurand in keys}:
        ids = sorted({pk for pk, wanted in keys if wanted == measurand})
        query = MeterSample.filter(transaction_id__in=ids)
        if measurand is not None:
            query = query.filter(measurand=measurand)
        for row in await query.order_by("sampled_at", "id"):
            grouped[(row.transaction_id, measurand)].append(row)  # type: ignore[attr-defined]
    return [grouped[key] for key in keys]


def _loader(info: Info[Context, Any], name: str, load: Any) -> DataLoader[Any, Any]:
    loader: DataLoader[Any, Any] | None = info.context.loaders.get(name)
    if loader is None:
        loader = DataLoader(load_fn=load)
        info.context.loaders[name] = loader
    return loader


def _series(row: MeterSample) -> tuple[str, str | None, str | None]:
    return (row.measurand, row.phase, row.location)


@strawberry.type(name="Transaction", description="A charging transaction (block E), merged.")
class TransactionType:
    """One transaction as merged from its TransactionEvents."""

    pk: strawberry.Private[int]
    cursor: str = strawberry.field(description="Pass as `after` to read the next page.")
    transaction_id: str
    station_id: strawberry.ID
    evse_id: int | None
    connector_id: int | None
    id_token: str | None = strawberry.field(description="The token that started it.")
    id_token_type: str | None
    group_id_token: str | None = strawberry.field(description="That token's group.")
    charging_state: str | None = strawberry.field(description="As of the highest seqNo.")
    active: bool = strawberry.field(description="False once the Ended event is stored.")
    started_at: datetime | None = strawberry.field(
        description="The Started event's timestamp (the earliest event's without one)."
    )
    ended_at: datetime | None
    stopped_reason: str | None
    last_trigger_reason: str | None
    time_spent_charging: int | None = strawberry.field(description="Seconds.")
    remote_start_id: int | None
    reservation_id: int | None
    number_of_phases_used: int | None
    cable_max_current: int | None
    last_seq_no: int | None
    event_count: int
    has_started_event: bool
    has_ended_event: bool
    energy_wh: float | None = strawberry.field(
        description="Energy.Active.Import.Register last - first, in Wh."
    )
    energy_start_wh: float | None
    energy_start_at: datetime | None
    energy_end_wh: float | None
    energy_end_at: datetime | None
    updated_at: datetime

    @strawberry.field(description="Its events, ordered by seqNo.")
    async def events(self, info: Info[Context, Any]) -> list[TransactionEventType]:
        """Every distinct event, once each."""
        rows = await _loader(info, "transactionEvents", _load_events).load(self.pk)
        return [TransactionEventType.from_model(row) for row in rows]

    @strawberry.field(
        description="Its sampled values in time order; `measurand` filters, `maxPoints` "
        "thins each series (measurand, phase, location) evenly, keeping first and last."
    )
    async def meter_samples(
        self, info: Info[Context, Any], measurand: str | None = None, max_points: int | None = None
    ) -> list[MeterSampleType]:
        """Typed samples, optionally downsampled."""
        rows: list[MeterSample] = await _loader(info, "transactionSamples", _load_samples).load(
            (self.pk, measurand)
        )
        if max_points is not None:
            rows = downsample(rows, check_page(max_points, "maxPoints", MAX_POINTS), _series)
        return [MeterSampleType.from_model(row, self.transaction_id) for row in rows]

    @strawberry.field(
        description="The same samples grouped by timestamp, as OCPP MeterValues carry them."
    )
    async def meter_values(
        self, info: Info[Context, Any], measurand: str | None = None, max_points: int | None = None
    ) -> list[MeterValueType]:
        """Samples grouped by their timestamp."""
        samples = await self.meter_samples(info, measurand, max_points)
        grouped: dict[datetime, list[MeterSampleType]] = {}
        for sample in samples:
            grouped.setdefault(sample.sampled_at, []).append(sample)
        return [MeterValueType(timestamp=at, sampled_values=items) for at, items in grouped.items()]

    @classmethod
    def from_model(cls, row: Transaction) -> TransactionType:
        """Build from the ORM row."""
        return cls(
            pk=row.id,
            cursor=encode_id_cursor(CURSOR_KIND, row.id),
            transaction_id=row.transaction_id,
            station_id=strawberry.ID(row.station_id),  # type: ignore[attr-defined]
            evse_id=row.evse_id,
            connector_id=row.connector_id,
            id_token=row.id_token,
            id_token_type=row.id_token_type,
            group_id_token=row.group_id_token,
            charging_state=row.charging_state,
            active=row.active,
            started_at=row.started_at,
            ended_at=row.ended_at,
            stopped_reason=row.stopped_reason,
            last_trigger_reason=row.last_trigger_reason,
            time_spent_charging=row.time_spent_charging,
            remote_start_id=row.remote_start_id,
            reservation_id=row.reservation_id,
            number_of_phases_used=row.number_of_phases_used,
            cable_max_current=row.cable_max_current,
            last_seq_no=row.last_seq_no,
            event_count=row.event_count,
            has_started_event=row.has_started_event,
            has_ended_event=row.has_ended_event,
            energy_wh=row.energy_wh,
            energy_start_wh=row.energy_first_wh,
            energy_start_at=row.energy_first_at,
            energy_end_wh=row.energy_last_wh,
            energy_end_at=row.energy_last_at,
            updated_at=row.updated_at,
        )
