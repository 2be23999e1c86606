"""Events of the monitoring block."""

from __future__ import annotations

from dataclasses import dataclass

from modules.kernel.events import Event, event


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertItem:
    """One eventData item of a NotifyEvent, summarised; `timestamp` as the station sent it,
    `trigger` its OCPP text (Alerting, Delta, Periodic)."""

    event_id: int
    timestamp: str
    trigger: str
    component: str
    variable: str
    actual_value: str
    cleared: bool | None = None


@event("ALERT")
class AlertReported(Event):
    """N07: one NotifyEvent part was stored; `events` summarises its `count` items.
    `generated_at` is the station's, as it sent it."""

    generated_at: str
    seq_no: int
    tbc: bool
    count: int
    events: tuple[AlertItem, ...]
