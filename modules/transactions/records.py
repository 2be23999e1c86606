"""Plain records of the transactions block, returned by its store and its queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from modules.transactions.policy import TransactionState


@dataclass(frozen=True, slots=True, kw_only=True)
class TransactionView(TransactionState):
    """One transaction as merged from its TransactionEvents (`pk` its row id, for cursors):
    its merged state, who it belongs to and the energy measured."""

    pk: int
    station_id: str
    transaction_id: str
    updated_at: datetime
    group_id_token: str | None = None
    energy_wh: float | None = None
    energy_start_wh: float | None = None
    energy_start_at: datetime | None = None
    energy_end_wh: float | None = None
    energy_end_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class EventView:
    """One stored TransactionEvent: the request as sent and the reply it got."""

    seq_no: int
    event_type: str
    trigger_reason: str
    timestamp: datetime
    offline: bool
    charging_state: str | None
    id_token: str | None
    id_token_type: str | None
    message_id: str
    received_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)
    response: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class SampledReading:
    """One sampled value as the station sent it, at its MeterValue's time: `value` in `unit`
    (null: Wh) times 10^`multiplier`, `signed_data` its SignedMeterValue if signed."""

    sampled_at: datetime
    measurand: str
    phase: str | None
    location: str | None
    context: str | None
    unit: str | None
    multiplier: int
    value: float
    signed_data: dict[str, str] | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SampleView(SampledReading):
    """One stored sampled value (`pk` its row id, for cursors) and where it came from."""

    pk: int
    evse_id: int
    transaction_id: str | None
    source: str


@dataclass(frozen=True, slots=True)
class TransactionFilter:
    """Which transactions: every filter given must hold (startedAfter inclusive,
    startedBefore exclusive)."""

    station_id: str | None = None
    id_token: str | None = None
    active: bool | None = None
    started_after: datetime | None = None
    started_before: datetime | None = None


@dataclass(frozen=True, slots=True)
class SampleFilter:
    """Which samples of `station_id` (sampledAfter inclusive, sampledBefore exclusive;
    `in_transaction` False: only samples outside any transaction)."""

    station_id: str
    evse_id: int | None = None
    measurand: str | None = None
    in_transaction: bool | None = None
    sampled_after: datetime | None = None
    sampled_before: datetime | None = None


SampleKey = tuple[int, str, str | None]
"""A transaction's row id, its transactionId and the measurand asked (None: every one)."""
