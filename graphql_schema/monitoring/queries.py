"""The monitoring queries: the stationAlerts feed (N07), monitoringReport and
monitoringReports (N02), the station's monitors, the fleet's alert states: arguments to the
block's queries, views to GraphQL types."""

from __future__ import annotations

import strawberry

from graphql_schema.common.errors import invalid
from graphql_schema.common.fields import feed, query
from graphql_schema.common.paging import IdPage
from graphql_schema.monitoring.types import (
    ALERTS_CURSOR_KIND,
    CURSOR_KIND,
    AlertState,
    Monitor,
    MonitoringReportType,
    MonitoringState,
    ReportedMonitor,
    StationAlert,
)
from modules.monitoring import AlertFilter, MonitoringQueries


@strawberry.type
class MonitoringQuery:
    """Monitoring reads (block N)."""

    @feed(
        CURSOR_KIND,
        "NotifyEvent items (N07) of one station, or of the fleet when stationId is omitted, "
        "newest first; page with `first` and `after` (a row's cursor).",
    )
    async def station_alerts(
        self, monitoring: MonitoringQueries, page: IdPage, station_id: strawberry.ID | None = None
    ) -> list[StationAlert]:
        """NotifyEvent items of one station, or of the fleet when stationId is omitted, newest
        (last received) first."""
        station = None if station_id is None else str(station_id)
        views = await monitoring.station_alerts(station, page.limit, page.after_id)
        return [StationAlert.of(view) for view in views]

    @query(
        "The monitors a station reported with NotifyMonitoringReport (N02) for `requestId` "
        "(the last report received when omitted)."
    )
    async def monitoring_report(
        self,
        monitoring: MonitoringQueries,
        station_id: strawberry.ID,
        request_id: int | None = None,
    ) -> list[ReportedMonitor]:
        """The monitors of one report (the last one received when requestId is omitted), in the
        order the station listed them (by seqNo, then as received)."""
        views = await monitoring.monitoring_report(str(station_id), request_id)
        return [ReportedMonitor.of(view) for view in views]

    @query(
        "The monitors a station has, as the CSMS last learned them (SetVariableMonitoring "
        "answers, NotifyMonitoringReport parts, ClearVariableMonitoring answers), by id."
    )
    async def monitors(
        self, monitoring: MonitoringQueries, station_id: strawberry.ID
    ) -> list[Monitor]:
        """The station's stored monitors, by monitor id."""
        return [Monitor.of(view) for view in await monitoring.monitors(str(station_id))]

    @query(
        "The monitoring base (SetMonitoringBase, N03) and level (SetMonitoringLevel, N05) the "
        "station last accepted, and when."
    )
    async def monitoring_state(
        self, monitoring: MonitoringQueries, station_id: strawberry.ID
    ) -> MonitoringState:
        """The station's accepted monitoring base and level."""
        return MonitoringState.of(await monitoring.monitoring_state(str(station_id)))

    @query(
        "The station's GetMonitoringReport requests (and reports it sent unasked), newest "
        "requestId first, each with its state (PENDING, COMPLETED, FAILED)."
    )
    async def monitoring_reports(
        self, monitoring: MonitoringQueries, station_id: strawberry.ID, first: int = 20
    ) -> list[MonitoringReportType]:
        """The station's monitoring reports with where they stand."""
        if not 1 <= first <= 100:
            raise invalid("first", "must be between 1 and 100")
        reports = await monitoring.monitoring_reports(str(station_id), first)
        return [MonitoringReportType.of(report) for report in reports]

    @feed(
        ALERTS_CURSOR_KIND,
        "Alert states (N07/N08) of the fleet, or of one station: raised ones only unless "
        "activeOnly is false, of severity at most maxSeverity (0 Danger ... 9 Debug) when "
        "given; one row per component-variable, the one that first alerted last first, paged "
        "with `first` and `after`.",
    )
    async def alerts(
        self,
        monitoring: MonitoringQueries,
        page: IdPage,
        station_id: strawberry.ID | None = None,
        max_severity: int | None = None,
        active_only: bool = True,
    ) -> list[AlertState]:
        """Alert states as filtered, highest row id (the latest component-variable to alert
        for the first time) first."""
        if max_severity is not None and not 0 <= max_severity <= 9:
            raise invalid("maxSeverity", "must be between 0 and 9")
        wanted = AlertFilter(
            None if station_id is None else str(station_id), max_severity, active_only
        )
        views = await monitoring.alerts(wanted, page.limit, page.after_id)
        return [AlertState.of(view) for view in views]
