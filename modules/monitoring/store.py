"""The monitoring block's storage: NotifyEvent items and reported monitors (the only file of
the block that touches the database).

Each message's items are written with one multi-row INSERT (`infra.db.writes.insert_rows`,
chunked under the parameter limit); the column lists below are the tables' columns in the
order the rows' values are built.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from ocpp.v201 import datatypes

from infra.db.models import (
    COMPONENT_VARIABLE_COLUMNS,
    COMPONENT_VARIABLE_RENAMES,
    MonitoringReportItem,
    StationEventData,
)
from infra.db.pages import newest_first, where_given
from infra.db.writes import insert_rows
from modules.kernel.records import component_variable, record_of
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.monitoring.records import ReportedMonitorView, StationAlertView


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """One part of a multi-part station message: its station, seqNo and tbc, when the
    station generated it and when it was received."""

    station_id: str
    seq_no: int
    tbc: bool
    generated_at: datetime
    received_at: datetime


class MonitoringStore(Protocol):
    """What the monitoring handlers and queries need stored and read."""

    async def add_event_items(self, part: Part, items: Sequence[datatypes.EventDataType]) -> None:
        """Store every eventData item of one NotifyEvent part."""
        ...

    async def add_monitors(
        self, part: Part, request_id: int, monitors: Sequence[datatypes.MonitoringDataType]
    ) -> None:
        """Store every variable monitor of one NotifyMonitoringReport part."""
        ...

    async def station_alerts(
        self, station_id: str | None, limit: int, before_id: int | None
    ) -> list[StationAlertView]:
        """Up to `limit` items, newest first, of one station (all when None), with
        id < before_id (when not None)."""
        ...

    async def last_report_request_id(self, station_id: str) -> int | None:
        """The requestId of the monitor last received from the station; None when none."""
        ...

    async def reported_monitors(
        self, station_id: str, request_id: int, limit: int
    ) -> list[ReportedMonitorView]:
        """Up to `limit` monitors of one report, by seqNo then as received."""
        ...


EVENT_COLUMNS = (
    "station_id",
    "generated_at",
    "seq_no",
    "tbc",
    "event_id",
    "timestamp",
    "trigger",
    "cause",
    "actual_value",
    "tech_code",
    "tech_info",
    "cleared",
    "transaction_id",
    "variable_monitoring_id",
    "event_notification_type",
    *COMPONENT_VARIABLE_COLUMNS,
    "received_at",
)
MONITOR_COLUMNS = (
    "station_id",
    "request_id",
    "seq_no",
    "tbc",
    "generated_at",
    *COMPONENT_VARIABLE_COLUMNS,
    "monitor_id",
    "transaction",
    "type",
    "severity",
    "value",
    "received_at",
)


def event_rows(part: Part, items: Sequence[datatypes.EventDataType]) -> list[list[Any]]:
    """The `station_event_data` rows of one NotifyEvent part, in EVENT_COLUMNS order."""
    return [
        [
            part.station_id,
            part.generated_at,
            part.seq_no,
            part.tbc,
            item.event_id,
            parse_ocpp_datetime(item.timestamp),
            item.trigger.value,
            item.cause,
            item.actual_value,
            item.tech_code,
            item.tech_info,
            item.cleared,
            item.transaction_id,
            item.variable_monitoring_id,
            item.event_notification_type.value,
            *component_variable(item.component, item.variable).values(),
            part.received_at,
        ]
        for item in items
    ]


def monitor_rows(
    part: Part, request_id: int, monitors: Sequence[datatypes.MonitoringDataType]
) -> list[list[Any]]:
    """The `monitoring_report_item` rows of one NotifyMonitoringReport part, in
    MONITOR_COLUMNS order."""
    rows: list[list[Any]] = []
    for data in monitors:
        where = component_variable(data.component, data.variable).values()
        for monitor in data.variable_monitoring:
            rows.append(
                [
                    part.station_id,
                    request_id,
                    part.seq_no,
                    part.tbc,
                    part.generated_at,
                    *where,
                    monitor.id,
                    monitor.transaction,
                    monitor.type.value,
                    monitor.severity,
                    float(monitor.value),
                    part.received_at,
                ]
            )
    return rows


class SqlMonitoringStore:
    """MonitoringStore on SQLite or PostgreSQL: hand-written multi-row INSERTs, ORM reads."""

    async def add_event_items(self, part: Part, items: Sequence[datatypes.EventDataType]) -> None:
        """One INSERT of every item (nothing when there are none)."""
        await insert_rows("station_event_data", EVENT_COLUMNS, event_rows(part, items))

    async def add_monitors(
        self, part: Part, request_id: int, monitors: Sequence[datatypes.MonitoringDataType]
    ) -> None:
        """One INSERT of every monitor (nothing when there are none)."""
        await insert_rows(
            "monitoring_report_item", MONITOR_COLUMNS, monitor_rows(part, request_id, monitors)
        )

    async def station_alerts(
        self, station_id: str | None, limit: int, before_id: int | None
    ) -> list[StationAlertView]:
        """One SELECT, newest id first."""
        query = where_given(StationEventData.all(), station_id=station_id)
        rows = await newest_first(query, limit, before_id)
        return [record_of(StationAlertView, row, COMPONENT_VARIABLE_RENAMES) for row in rows]

    async def last_report_request_id(self, station_id: str) -> int | None:
        """The requestId of the station's highest-id monitor row."""
        last = await MonitoringReportItem.filter(station_id=station_id).order_by("-id").first()
        return None if last is None else last.request_id

    async def reported_monitors(
        self, station_id: str, request_id: int, limit: int
    ) -> list[ReportedMonitorView]:
        """One SELECT by seqNo, then id."""
        rows = (
            await MonitoringReportItem.filter(station_id=station_id, request_id=request_id)
            .order_by("seq_no", "id")
            .limit(limit)
        )
        return [record_of(ReportedMonitorView, row, COMPONENT_VARIABLE_RENAMES) for row in rows]
