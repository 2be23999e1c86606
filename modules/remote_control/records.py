"""Plain records of the remote control block, returned by its store and its queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class StartedTransaction:
    """The transaction a remote start led to, as the transactions block stored it (the
    `charging_transaction` row; field names as the GraphQL Transaction type spells them)."""

    pk: int
    transaction_id: str
    station_id: str
    evse_id: int | None
    connector_id: int | None
    id_token: str | None
    id_token_type: str | None
    group_id_token: str | None
    charging_state: str | None
    active: bool
    started_at: datetime | None
    ended_at: datetime | None
    stopped_reason: str | None
    last_trigger_reason: str | None
    time_spent_charging: int | None
    remote_start_id: int | None
    reservation_id: int | None
    number_of_phases_used: int | None
    cable_max_current: int | None
    last_seq_no: int | None
    event_count: int
    has_started_event: bool
    has_ended_event: bool
    energy_wh: float | None
    energy_start_wh: float | None
    energy_start_at: datetime | None
    energy_end_wh: float | None
    energy_end_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoteStartView:
    """A remote start: the request, the station's answer (None until it answered, and when it
    never did), and the transaction it led to (None until the station reports one).

    `row_id` orders remote starts (newest first) and makes their page cursor."""

    row_id: int
    station_id: str
    remote_start_id: int
    id_token: str
    id_token_type: str
    evse_id: int | None
    status: str | None
    answered_transaction_id: str | None
    requested_at: datetime
    answered_at: datetime | None
    transaction: StartedTransaction | None = None
