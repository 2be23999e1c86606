"""GraphQL types of charging transactions (block E) and meter samples (block J), the
GetTransactionStatus result, and the live transaction and meter-value events."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.common.paging import check_page, encode_id_cursor
from graphql_schema.common.records import FromRecord, from_record
from graphql_schema.context import Context
from modules.kernel.events import Event
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.remote_control import StartedTransaction
from modules.transactions import (
    EventView,
    MeterValuesStored,
    SampledValue,
    SampleView,
    TransactionChanged,
    TransactionEnded,
    TransactionsQueries,
    TransactionStarted,
    TransactionUpdated,
    TransactionView,
    thin,
)

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
    def of(cls, view: SampleView) -> MeterSampleType:
        """Build from the block's view."""
        signed = view.signed_data
        return from_record(
            cls,
            view,
            cursor=encode_id_cursor(SAMPLES_CURSOR_KIND, view.pk),
            signed_meter_value=SignedMeterValueType(
                signed_meter_data=signed["signedMeterData"],
                signing_method=signed["signingMethod"],
                encoding_method=signed["encodingMethod"],
                public_key=signed["publicKey"],
            )
            if signed
            else None,
        )


@strawberry.type(name="MeterValue", description="The samples taken at one moment.")
class MeterValueType:
    """A MeterValueType: a timestamp and its sampled values."""

    timestamp: datetime
    sampled_values: list[MeterSampleType]


@strawberry.type(name="TransactionEvent", description="One TransactionEvent as received.")
class TransactionEventType(FromRecord):
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


def _loader(info: Info[Context, Any], name: str, load: Any) -> DataLoader[Any, Any]:
    loader: DataLoader[Any, Any] | None = info.context.loaders.get(name)
    if loader is None:
        loader = DataLoader(load_fn=load)
        info.context.loaders[name] = loader
    return loader


def _queries(info: Info[Context, Any]) -> TransactionsQueries:
    return info.context.services.block(TransactionsQueries)


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
        loader = _loader(info, "transactionEvents", _queries(info).events_of)
        views: list[EventView] = await loader.load(self.pk)
        return [TransactionEventType.of(view) for view in views]

    @strawberry.field(
        description="Its sampled values in time order; `measurand` filters, `maxPoints` "
        "thins each series (measurand, phase, location) evenly, keeping first and last."
    )
    async def meter_samples(
        self, info: Info[Context, Any], measurand: str | None = None, max_points: int | None = None
    ) -> list[MeterSampleType]:
        """Typed samples, optionally downsampled."""
        loader = _loader(info, "transactionSamples", _queries(info).samples_of)
        views: list[SampleView] = await loader.load((self.pk, self.transaction_id, measurand))
        if max_points is not None:
            views = thin(views, check_page(max_points, "maxPoints", MAX_POINTS))
        return [MeterSampleType.of(view) for view in views]

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
    def of(cls, view: TransactionView | StartedTransaction) -> TransactionType:
        """Build from the block's view (or remote control's, which has the same fields)."""
        return from_record(cls, view, cursor=encode_id_cursor(CURSOR_KIND, view.pk))


@strawberry.type(description="How a GetTransactionStatus call ended and what the station said.")
class GetTransactionStatusResult:
    """Outcome; with RESULT whether the transaction is ongoing (only when a transactionId was
    asked) and whether the station still queues messages for it (or for any transaction)."""

    outcome: CallOutcomeEnum
    ongoing_indicator: bool | None
    messages_in_queue: bool | None
    error_code: str | None
    error_description: str | None


# --- live events (subscriptions) ---------------------------------------------------------------


@strawberry.enum(description="What happened to a transaction.")
class TransactionLiveEventType(Enum):
    """The transaction event types, one per TransactionEvent eventType."""

    TRANSACTION_STARTED = TransactionStarted.TYPE
    TRANSACTION_UPDATED = TransactionUpdated.TYPE
    TRANSACTION_ENDED = TransactionEnded.TYPE


def _moment(text: str | None) -> datetime | None:
    """A date-time of an event, or null when it does not parse (never a broken stream)."""
    if text is None:
        return None
    try:
        return parse_ocpp_datetime(text)
    except ValueError:
        return None


@strawberry.type(description="A transaction started, updated or ended, as stored by the CSMS.")
class TransactionLiveEvent:
    """One stored TransactionEvent and the transaction's state after it."""

    type: TransactionLiveEventType
    station_id: strawberry.ID
    occurred_at: datetime
    missed: int = strawberry.field(
        description="Events of this subscription dropped just before this one (slow reader)."
    )
    transaction_id: str | None = None
    event_type: str | None = strawberry.field(
        default=None, description="Started, Updated or Ended."
    )
    seq_no: int | None = None
    trigger_reason: str | None = None
    timestamp: datetime | None = strawberry.field(
        default=None, description="The station's timestamp."
    )
    offline: bool | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    id_token: str | None = None
    id_token_type: str | None = None
    charging_state: str | None = None
    active: bool | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    stopped_reason: str | None = None
    remote_start_id: int | None = None
    energy_wh: float | None = strawberry.field(
        default=None, description="Energy delivered so far (Wh)."
    )

    @classmethod
    def of(cls, event: Event, missed: int = 0) -> TransactionLiveEvent:
        """Build from a TRANSACTION_* event; one another node published in a shape this node
        cannot read has only its type, station and time."""
        kind = TransactionLiveEventType(event.type)
        station_id, at = strawberry.ID(event.station_id), event.occurred_at
        if not isinstance(event, TransactionChanged):
            return cls(type=kind, station_id=station_id, occurred_at=at, missed=missed)
        return from_record(
            cls,
            event,
            type=kind,
            missed=missed,
            timestamp=_moment(event.timestamp),
            started_at=_moment(event.started_at),
            ended_at=_moment(event.ended_at),
        )


@strawberry.type(description="One sampled value of a live meter-values event.")
class LiveSampledValue:
    """A sampled value as stored: `value` as the station sent it, `multiplier` beside it."""

    timestamp: datetime | None
    measurand: str | None
    phase: str | None
    location: str | None
    context: str | None
    unit: str | None
    multiplier: int | None
    value: float | None
    signed: bool | None = strawberry.field(description="Whether the station signed the value.")

    @classmethod
    def of(cls, sample: SampledValue) -> LiveSampledValue:
        """Build from one sample of a METER_VALUES event."""
        return from_record(cls, sample, timestamp=_moment(sample.timestamp))


@strawberry.type(description="Meter values a station sent (MeterValues or a TransactionEvent).")
class MeterValuesLiveEvent:
    """One stored batch of sampled values."""

    type: str = strawberry.field(description="Always METER_VALUES.")
    station_id: strawberry.ID
    occurred_at: datetime
    missed: int = strawberry.field(
        description="Events of this subscription dropped just before this one (slow reader)."
    )
    transaction_id: str | None = strawberry.field(
        default=None, description="Null outside a transaction."
    )
    evse_id: int | None = None
    source: str | None = strawberry.field(
        default=None, description="MeterValues or TransactionEvent."
    )
    samples: list[LiveSampledValue] = strawberry.field(default_factory=list)

    @classmethod
    def of(cls, event: Event, missed: int = 0) -> MeterValuesLiveEvent:
        """Build from a METER_VALUES event; one another node published in a shape this node
        cannot read has only its type, station and time."""
        station_id, at = strawberry.ID(event.station_id), event.occurred_at
        if not isinstance(event, MeterValuesStored):
            return cls(type=event.type, station_id=station_id, occurred_at=at, missed=missed)
        return from_record(
            cls,
            event,
            missed=missed,
            samples=[LiveSampledValue.of(sample) for sample in event.samples],
        )
