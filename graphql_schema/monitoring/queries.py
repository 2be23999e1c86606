"""The stationAlerts (N07) and monitoringReport (N02) queries: arguments to the block's
queries, views to GraphQL types."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import feed, query
from graphql_schema.common.paging import IdPage
from graphql_schema.monitoring.types import CURSOR_KIND, ReportedMonitor, StationAlert
from modules.monitoring import MonitoringQueries


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
