"""The stationAlerts (N07) and monitoringReport (N02) queries: arguments to the block's
queries, views to GraphQL types."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.paging import id_page
from graphql_schema.context import Context
from graphql_schema.monitoring.types import CURSOR_KIND, ReportedMonitor, StationAlert
from modules.monitoring import MonitoringQueries


async def station_alerts(
    info: Info[Context, Any],
    station_id: strawberry.ID | None = None,
    first: int = 100,
    after: str | None = None,
) -> list[StationAlert]:
    """NotifyEvent items of one station, or of the fleet when stationId is omitted, newest
    (last received) first."""
    limit, before_id = id_page(CURSOR_KIND, first, after)
    views = await info.context.services.block(MonitoringQueries).station_alerts(
        None if station_id is None else str(station_id), limit, before_id
    )
    return [StationAlert.of(view) for view in views]


async def monitoring_report(
    info: Info[Context, Any], station_id: strawberry.ID, request_id: int | None = None
) -> list[ReportedMonitor]:
    """The monitors of one report (the last one received when requestId is omitted), in the
    order the station listed them (by seqNo, then as received)."""
    views = await info.context.services.block(MonitoringQueries).monitoring_report(
        str(station_id), request_id
    )
    return [ReportedMonitor.of(view) for view in views]


@strawberry.type
class MonitoringQuery:
    """Monitoring reads (block N)."""

    station_alerts: list[StationAlert] = strawberry.field(
        resolver=station_alerts,
        description=(
            "NotifyEvent items (N07) of one station, or of the fleet when stationId is omitted, "
            "newest first; page with `first` and `after` (a row's cursor)."
        ),
    )
    monitoring_report: list[ReportedMonitor] = strawberry.field(
        resolver=monitoring_report,
        description=(
            "The monitors a station reported with NotifyMonitoringReport (N02) for `requestId` "
            "(the last report received when omitted)."
        ),
    )
