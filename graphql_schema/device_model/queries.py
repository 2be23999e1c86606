"""The device-model queries: a station's variables, its reports, its reboot state."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.paging import check_page
from graphql_schema.context import Context
from graphql_schema.device_model.types import (
    DeviceModelReportType,
    DeviceModelVariable,
    StationDeviceStateType,
    decode_cursor,
)
from modules.device_model import MAX_REPORTS_PAGE, MAX_VARIABLES_PAGE, DeviceModelQueries


async def variables(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    component: str | None = None,
    variable: str | None = None,
    first: int = 100,
    after: str | None = None,
) -> list[DeviceModelVariable]:
    """The station's device model, one row per variable attribute, ordered by component,
    variable and attribute type; `component` and `variable` match names ignoring case."""
    page = check_page(first, "first", MAX_VARIABLES_PAGE)
    cursor = decode_cursor(after) if after is not None else None
    rows = await info.context.services.block(DeviceModelQueries).variables(
        str(station_id), component, variable, page, cursor
    )
    return [DeviceModelVariable.of(row) for row in rows]


async def device_model_reports(
    info: Info[Context, Any], station_id: strawberry.ID, first: int = 50
) -> list[DeviceModelReportType]:
    """The station's reports, newest request id first."""
    page = check_page(first, "first", MAX_REPORTS_PAGE)
    rows = await info.context.services.block(DeviceModelQueries).reports(str(station_id), page)
    return [DeviceModelReportType.of(row) for row in rows]


async def station_device_state(
    info: Info[Context, Any], station_id: strawberry.ID
) -> StationDeviceStateType | None:
    """Null for an unknown station."""
    state = await info.context.services.block(DeviceModelQueries).reboot_state(str(station_id))
    return StationDeviceStateType.of(state) if state else None


@strawberry.type
class DeviceModelQuery:
    """Device-model reads (block B)."""

    variables: list[DeviceModelVariable] = strawberry.field(
        resolver=variables,
        description=(
            "A station's reported device model, one row per variable attribute, ordered by "
            "component and variable; page with `first` and `after` (a row's cursor)."
        ),
    )
    device_model_reports: list[DeviceModelReportType] = strawberry.field(
        resolver=device_model_reports,
        description="A station's device-model reports (GetBaseReport/GetReport), newest first.",
    )
    station_device_state: StationDeviceStateType | None = strawberry.field(
        resolver=station_device_state,
        description="Device-model state of a station (reboot required); null when unknown.",
    )
