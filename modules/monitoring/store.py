"""The monitoring block's storage: NotifyEvent items and reported monitors, the station's
monitors, monitoring report requests and their parts, alert states (the only files of the
block that touch the database: this one and `store_sql.py`).

Each message's items are written with one multi-row INSERT (`infra.db.writes.insert_rows`,
chunked under the parameter limit); the column lists below are the tables' columns in the
order the rows' values are built. Report request ids are allocated by the CSMS, unique per
station (`infra.db.allocation`). A report's parts are counted under its row's lock, so a part
that comes twice is stored once; NotifyEvent items are stored once by their natural key.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, Protocol

from ocpp.v201 import datatypes

from infra.db.allocation import allocate_station_id
from infra.db.models import (
    COMPONENT_VARIABLE_COLUMNS,
    COMPONENT_VARIABLE_RENAMES,
    DeviceAttribute,
    MonitoringReportItem,
    MonitoringReportRequest,
    StationEventData,
    StationMonitor,
    StationMonitoringState,
)
from infra.db.pages import newest_first, where_given
from infra.db.writes import insert_rows
from modules.kernel.records import component_variable, record_of
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.monitoring import store_sql
from modules.monitoring.records import (
    AlertFilter,
    AlertInput,
    AlertStateView,
    MonitoringReportRecord,
    MonitoringStateView,
    MonitorInput,
    MonitorView,
    Part,
    ReportedMonitorView,
    ReportPartOutcome,
    StationAlertView,
)


class MonitoringStore(Protocol):
    """What the monitoring handlers and queries need stored and read."""

    async def add_event_items(self, part: Part, items: Sequence[datatypes.EventDataType]) -> bool:
        """Store every eventData item of one NotifyEvent part not stored yet; False when
        each was (a resend). Station, generatedAt, seqNo and eventId are an item's natural
        key."""
        ...

    async def apply_alerts(
        self, station_id: str, changes: Sequence[AlertInput], now: datetime
    ) -> list[AlertStateView]:
        """Raise or clear the alert of each item's component-variable, unless a newer item
        (by timestamp) set it already; the severity and type are those of the stored monitor
        the item names. Returns the states written, in order."""
        ...

    async def alerts(
        self, wanted: AlertFilter, limit: int, before_id: int | None
    ) -> list[AlertStateView]:
        """Up to `limit` alert states `wanted` selects, highest id first, below `before_id`."""
        ...

    async def upsert_monitors(
        self, station_id: str, monitors: Sequence[MonitorInput], now: datetime
    ) -> None:
        """Insert or replace the station's monitors by the station's monitor id."""
        ...

    async def delete_monitors(self, station_id: str, monitor_ids: Collection[int] | None) -> None:
        """Forget the station's monitors with these ids (all of them when None)."""
        ...

    async def prune_monitors(self, station_id: str, before: datetime) -> int:
        """Forget the station's monitors not written since `before`; how many."""
        ...

    async def set_monitoring_state(
        self, station_id: str, now: datetime, base: str | None = None, level: int | None = None
    ) -> None:
        """The station accepted monitoring base `base` or level `level` (whichever is given)
        at `now`."""
        ...

    async def monitoring_state(self, station_id: str) -> MonitoringStateView | None:
        """The base and level the station last accepted; None when it accepted neither."""
        ...

    async def monitors(self, station_id: str, limit: int) -> list[MonitorView]:
        """Up to `limit` of the station's monitors, by monitor id."""
        ...

    async def monitors_by_key(self, keys: Collection[tuple[str, int]]) -> list[MonitorView]:
        """The stored monitors with these (station, monitor id) keys (unknown ones left out)."""
        ...

    async def open_report(
        self,
        station_id: str,
        criteria: list[str] | None,
        component_variables: list[dict[str, Any]] | None,
        now: datetime,
    ) -> int | None:
        """Allocate a monitoring report request id and record the request; None for an
        unknown station."""
        ...

    async def record_report_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """The GetMonitoringReport got no answer (OFFLINE, TIMEOUT, CALL_ERROR)."""
        ...

    async def record_report_answer(
        self, station_id: str, request_id: int, status: str, reason: str | None
    ) -> None:
        """The station answered GetMonitoringReport: its status on the report (created for
        a request sent some other way)."""
        ...

    async def receive_report_part(
        self, station_id: str, request_id: int, part: Part, monitors: int
    ) -> ReportPartOutcome:
        """Count one part into its report (once per seqNo) and judge completion; the caller
        stores the part's monitors unless it is a duplicate."""
        ...

    async def report(self, station_id: str, request_id: int) -> MonitoringReportRecord | None:
        """One monitoring report by request id."""
        ...

    async def limit_values(self, station_id: str, keys: Collection[str]) -> dict[str, str | None]:
        """The Actual values of the station's device-model variables with these keys (absent:
        not reported)."""
        ...

    async def reports(self, station_id: str, limit: int) -> list[MonitoringReportRecord]:
        """The station's monitoring reports, newest request id first."""
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

    async def add_event_items(self, part: Part, items: Sequence[datatypes.EventDataType]) -> bool:
        """One `INSERT ... ON CONFLICT DO NOTHING` of every item: the unique index on the
        natural key leaves out the items stored already (also by another transaction at the
        same time, which this one waits for); the part is new when any item was stored."""
        rows = event_rows(part, items)
        return bool(await insert_rows("station_event_data", EVENT_COLUMNS, rows, True))

    async def apply_alerts(
        self, station_id: str, changes: Sequence[AlertInput], now: datetime
    ) -> list[AlertStateView]:
        """Per item: its monitor read, its state row locked, written when not newer."""
        return await store_sql.apply_alerts(station_id, changes, now)

    async def alerts(
        self, wanted: AlertFilter, limit: int, before_id: int | None
    ) -> list[AlertStateView]:
        """One SELECT, newest id first."""
        return await store_sql.alerts(wanted, limit, before_id)

    async def upsert_monitors(
        self, station_id: str, monitors: Sequence[MonitorInput], now: datetime
    ) -> None:
        """One upsert statement per chunk."""
        await store_sql.upsert_monitors(station_id, monitors, now)

    async def delete_monitors(self, station_id: str, monitor_ids: Collection[int] | None) -> None:
        """One DELETE."""
        rows = StationMonitor.filter(station_id=station_id)
        if monitor_ids is not None:
            rows = rows.filter(monitor_id__in=list(monitor_ids))
        await rows.delete()

    async def prune_monitors(self, station_id: str, before: datetime) -> int:
        """One DELETE."""
        return await StationMonitor.filter(station_id=station_id, updated_at__lt=before).delete()

    async def set_monitoring_state(
        self, station_id: str, now: datetime, base: str | None = None, level: int | None = None
    ) -> None:
        """One upsert of the given fields."""
        values: dict[str, Any] = {}
        if base is not None:
            values.update(monitoring_base=base, base_set_at=now)
        if level is not None:
            values.update(monitoring_level=level, level_set_at=now)
        if values:
            await StationMonitoringState.bulk_create(
                [StationMonitoringState(station_id=station_id, **values)],
                on_conflict=["station_id"],
                update_fields=list(values),
            )

    async def monitoring_state(self, station_id: str) -> MonitoringStateView | None:
        """The state row, if any."""
        row = await StationMonitoringState.get_or_none(station_id=station_id)
        return record_of(MonitoringStateView, row, station_id=station_id) if row else None

    async def monitors(self, station_id: str, limit: int) -> list[MonitorView]:
        """One SELECT by monitor id."""
        rows = (
            await StationMonitor.filter(station_id=station_id).order_by("monitor_id").limit(limit)
        )
        return [record_of(MonitorView, row, COMPONENT_VARIABLE_RENAMES) for row in rows]

    async def monitors_by_key(self, keys: Collection[tuple[str, int]]) -> list[MonitorView]:
        """One SELECT on the (station, monitor id) constraint's index; pairs matched here."""
        wanted = set(keys)
        if not wanted:
            return []
        rows = await StationMonitor.filter(
            station_id__in=sorted({station for station, _ in wanted}),
            monitor_id__in=sorted({monitor_id for _, monitor_id in wanted}),
        )
        return [
            record_of(MonitorView, row, COMPONENT_VARIABLE_RENAMES)
            for row in rows
            if (row.station_id, row.monitor_id) in wanted  # type: ignore[attr-defined]
        ]

    async def open_report(
        self,
        station_id: str,
        criteria: list[str] | None,
        component_variables: list[dict[str, Any]] | None,
        now: datetime,
    ) -> int | None:
        """One more than the station's highest request id; retried on the unique constraint."""
        return await allocate_station_id(
            station_id,
            MonitoringReportRequest,
            "request_id",
            {"criteria": criteria, "component_variables": component_variables, "requested_at": now},
            lock_station=False,
            what="a monitoring report request id",
        )

    async def record_report_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """Outcome and error code on the report row."""
        await MonitoringReportRequest.filter(station_id=station_id, request_id=request_id).update(
            outcome=outcome, error_code=error_code
        )

    async def record_report_answer(
        self, station_id: str, request_id: int, status: str, reason: str | None
    ) -> None:
        """Status on the report row, created if absent."""
        key = {"station_id": station_id, "request_id": request_id}
        await MonitoringReportRequest.bulk_create(
            [MonitoringReportRequest(**key)], ignore_conflicts=True
        )
        await MonitoringReportRequest.filter(**key).update(
            outcome="RESULT", status=status, status_reason=reason
        )

    async def receive_report_part(
        self, station_id: str, request_id: int, part: Part, monitors: int
    ) -> ReportPartOutcome:
        """Under the report row's lock: a new seqNo is stored and counted, then completion is
        judged on every seqNo received."""
        return await store_sql.receive_report_part(station_id, request_id, part, monitors)

    async def report(self, station_id: str, request_id: int) -> MonitoringReportRecord | None:
        """The report row, if any."""
        row = await MonitoringReportRequest.get_or_none(
            station_id=station_id, request_id=request_id
        )
        return store_sql.report_record(row) if row else None

    async def limit_values(self, station_id: str, keys: Collection[str]) -> dict[str, str | None]:
        """One query on the device model's (station, key) index."""
        rows = await DeviceAttribute.filter(
            variable__station_id=station_id, variable__key__in=list(keys), type="Actual"
        ).values_list("variable__key", "value")
        return {str(key): value for key, value in rows}

    async def reports(self, station_id: str, limit: int) -> list[MonitoringReportRecord]:
        """Newest request id first."""
        rows = (
            await MonitoringReportRequest.filter(station_id=station_id)
            .order_by("-request_id")
            .limit(limit)
        )
        return [store_sql.report_record(row) for row in rows]

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
