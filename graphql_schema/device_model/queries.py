"""The device-model queries: a station's variables, its reports, its reboot state."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import query
from graphql_schema.common.paging import check_page
from graphql_schema.device_model.types import (
    DeviceModelReportType,
    DeviceModelVariable,
    StationDeviceStateType,
    decode_cursor,
)
from modules.device_model import MAX_REPORTS_PAGE, MAX_VARIABLES_PAGE, DeviceModelQueries


@strawberry.type
class DeviceModelQuery:
    """Device-model reads (block B)."""

    @query(
        "A station's reported device model, one row per variable attribute, ordered by "
        "component and variable; page with `first` and `after` (a row's cursor)."
    )
    async def variables(
        self,
        model: DeviceModelQueries,
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
        rows = await model.variables(str(station_id), component, variable, page, cursor)
        return [DeviceModelVariable.of(row) for row in rows]

    @query("A station's device-model reports (GetBaseReport/GetReport), newest first.")
    async def device_model_reports(
        self, model: DeviceModelQueries, station_id: strawberry.ID, first: int = 50
    ) -> list[DeviceModelReportType]:
        """The station's reports, newest request id first."""
        rows = await model.reports(str(station_id), check_page(first, "first", MAX_REPORTS_PAGE))
        return [DeviceModelReportType.of(row) for row in rows]

    @query("Device-model state of a station (reboot required); null when unknown.")
    async def station_device_state(
        self, model: DeviceModelQueries, station_id: strawberry.ID
    ) -> StationDeviceStateType | None:
        """Null for an unknown station."""
        state = await model.reboot_state(str(station_id))
        return StationDeviceStateType.of(state) if state else None
