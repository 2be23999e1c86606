"""Query resolvers."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema import device_model_queries, monitoring_queries, security_queries
from graphql_schema.common.paging import check_page
from graphql_schema.context import Context
from graphql_schema.device_model_types import (
    DeviceModelReportType,
    DeviceModelVariable,
    StationDeviceStateType,
)
from graphql_schema.monitoring_queries import ReportedMonitor, StationAlert
from graphql_schema.security_queries import SecurityEventType
from graphql_schema.types import StationType
from infra.db.models import Station


@strawberry.type
class Query:
    """Read access to stations."""

    @strawberry.field(description="One station by id.")
    async def station(self, info: Info[Context, Any], id: strawberry.ID) -> StationType | None:
        """The station, or null when unknown."""
        row = await Station.get_or_none(id=str(id))
        return StationType.from_model(row) if row else None

    @strawberry.field(
        description=(
            "Stations ordered by id; filter by presence, registration status, vendor, model "
            "and `search` (part of the id, any case); page with `first` and `after` (the last "
            "id seen)."
        ),
    )
    async def stations(
        self,
        info: Info[Context, Any],
        online: bool | None = None,
        registration_status: str | None = None,
        vendor_name: str | None = None,
        model: str | None = None,
        search: str | None = None,
        first: int = 100,
        after: strawberry.ID | None = None,
    ) -> list[StationType]:
        """One page of stations matching every filter given."""
        query = Station.all().order_by("id").limit(check_page(first, "first"))
        if online is not None:
            query = query.filter(online=online)
        if registration_status is not None:
            query = query.filter(registration_status=registration_status)
        if vendor_name is not None:
            query = query.filter(vendor_name=vendor_name)
        if model is not None:
            query = query.filter(model=model)
        if search:
            query = query.filter(id__icontains=search)
        if after is not None:
            query = query.filter(id__gt=str(after))
        return [StationType.from_model(row) for row in await query]

    variables: list[DeviceModelVariable] = strawberry.field(
        resolver=device_model_queries.variables,
        description=(
            "A station's reported device model, one row per variable attribute, ordered by "
            "component and variable; page with `first` and `after` (a row's cursor)."
        ),
    )
    device_model_reports: list[DeviceModelReportType] = strawberry.field(
        resolver=device_model_queries.device_model_reports,
        description="A station's device-model reports (GetBaseReport/GetReport), newest first.",
    )
    station_device_state: StationDeviceStateType | None = strawberry.field(
        resolver=device_model_queries.station_device_state,
        description="Device-model state of a station (reboot required); null when unknown.",
    )
    security_events: list[SecurityEventType] = strawberry.field(
        resolver=security_queries.security_events,
        description=(
            "Security events (A04) of one station, or of the fleet when stationId is omitted, "
            "newest first; filter by `type`; page with `first` and `after` (a row's cursor)."
        ),
    )
    station_alerts: list[StationAlert] = strawberry.field(
        resolver=monitoring_queries.station_alerts,
        description=(
            "NotifyEvent items (N07) of one station, or of the fleet when stationId is omitted, "
            "newest first; page with `first` and `after` (a row's cursor)."
        ),
    )
    monitoring_report: list[ReportedMonitor] = strawberry.field(
        resolver=monitoring_queries.monitoring_report,
        description=(
            "The monitors a station reported with NotifyMonitoringReport (N02) for `requestId` "
            "(the last report received when omitted)."
        ),
    )
